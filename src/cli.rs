//! The command line's definitions (clap derive). Help, the man page and shell completions are
//! all generated from these, so they cannot drift apart. `main.rs` dispatches.

use clap::{Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

#[derive(Parser)]
#[command(
    name = "zumen",
    version,
    about = "Terraform + intent annotations → architecture diagrams and a design document",
    after_help = "Exit codes: 0 ok, 1 check failed (stale output, findings at error level), 2 usage or unreadable input."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand)]
pub enum Command {
    /// Build diagrams (SVG), DESIGN.md, index.html and model.json for a Terraform root.
    Build(BuildArgs),
    /// Lint intent: coverage of resources and module calls, dangling sidecar entries, unknown tags
    /// and roles, comment/sidecar conflicts, syntax errors.
    Check(CheckArgs),
    /// Replace the block between <!-- BEGIN_ZUMEN --> and <!-- END_ZUMEN --> in a Markdown file.
    Inject(InjectArgs),
    /// Write a starter zumen.toml listing every resource without intent.
    Init(InitArgs),
    /// Print a shell completion script to stdout.
    Completions(CompletionsArgs),
    /// Print the man page (roff) to stdout.
    Man(ManArgs),
}

#[derive(clap::Args)]
pub struct BuildArgs {
    /// The Terraform root directory.
    #[arg(default_value = ".")]
    pub path: PathBuf,
    /// Output directory.
    #[arg(short, long, default_value = "zumen-out")]
    pub out: PathBuf,
    /// Comma-separated subset of: svg, md, html, json.
    #[arg(long, default_value = "svg,md,html,json")]
    pub format: String,
    /// Built-in theme name (`default`, `dark`) or a theme folder on disk.
    #[arg(long, default_value = "default")]
    pub theme: String,
    /// Sidecar file (default: `<path>/zumen.toml` when present).
    #[arg(long)]
    pub config: Option<PathBuf>,
    /// Print layout quality figures per diagram.
    #[arg(long)]
    pub stats: bool,
    /// Write nothing; exit 1 and name each file that is stale or missing.
    #[arg(long)]
    pub check: bool,
    /// Write output even when some files have errors (they are skipped and reported).
    #[arg(long)]
    pub keep_going: bool,
    /// A catalog file (TOML, see docs/catalog.md) merged over the built-in provider knowledge.
    #[arg(long, value_name = "FILE")]
    pub catalog: Option<PathBuf>,
    /// Build every Terraform root under PATH into OUT/<relative path>/, plus an index.
    #[arg(short, long)]
    pub recursive: bool,
}

/// How `zumen check` prints its report.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CheckFormat {
    /// `path:line:col: level[code]: message`, then the coverage line.
    Text,
    /// The stable report described in docs/check-json.md.
    Json,
    /// GitHub Actions workflow commands (`::error file=…`).
    Github,
}

#[derive(clap::Args)]
pub struct CheckArgs {
    /// The Terraform root directory.
    #[arg(default_value = ".")]
    pub path: PathBuf,
    /// Lowest acceptable intent coverage, in percent.
    #[arg(long, value_name = "PCT", default_value_t = 100.0, value_parser = percent)]
    pub min_coverage: f64,
    /// Output format.
    #[arg(long, value_enum, default_value_t = CheckFormat::Text)]
    pub format: CheckFormat,
    /// Sidecar file (default: `<path>/zumen.toml` when present).
    #[arg(long)]
    pub config: Option<PathBuf>,
}

#[derive(clap::Args)]
pub struct InjectArgs {
    /// The Markdown file holding the markers.
    pub file: PathBuf,
    /// The Terraform root directory.
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
    /// Sidecar file (default: `<root>/zumen.toml` when present).
    #[arg(long)]
    pub config: Option<PathBuf>,
    /// The `zumen build` output directory the image link points into.
    #[arg(short, long, default_value = "zumen-out")]
    pub out: PathBuf,
    /// The image link, verbatim (default: `<out>/architecture.svg` relative to FILE).
    #[arg(long)]
    pub image: Option<String>,
    /// Write nothing; exit 1 when the block is stale.
    #[arg(long)]
    pub check: bool,
}

#[derive(clap::Args)]
pub struct InitArgs {
    /// The Terraform root directory; zumen.toml is written there.
    #[arg(default_value = ".")]
    pub path: PathBuf,
    /// Overwrite an existing zumen.toml.
    #[arg(long)]
    pub force: bool,
    /// A catalog file merged over the built-in one, as for `build`: the roles `init` proposes
    /// come from it, so they match what `build --catalog FILE` will show.
    #[arg(long, value_name = "FILE")]
    pub catalog: Option<PathBuf>,
}

#[derive(clap::Args)]
pub struct CompletionsArgs {
    /// The shell to complete for.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

#[derive(clap::Args)]
pub struct ManArgs {
    /// A subcommand's page instead of the main one (e.g. `check`).
    pub subcommand: Option<String>,
}

fn percent(s: &str) -> Result<f64, String> {
    let v: f64 = s.trim_end_matches('%').parse().map_err(|_| format!("`{s}` is not a number"))?;
    if (0.0..=100.0).contains(&v) {
        Ok(v)
    } else {
        Err(format!("{v} is not between 0 and 100"))
    }
}
