//! The `zumen` command line. Flags are parsed with clap into a validated configuration, then
//! handed to the library pipeline. Exit codes: 0 ok, 1 check failed (stale output, findings),
//! 2 input or usage error.

use anyhow::Result;
use clap::{Parser, Subcommand};
use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;
use zumen::build::{self, Formats, Options};
use zumen::diagnostic::{has_errors, Diagnostic, Level};
use zumen::output;
use zumen::theme::Theme;

#[derive(Parser)]
#[command(
    name = "zumen",
    version,
    about = "Terraform + intent annotations → architecture diagrams and a design document"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build diagrams (SVG), DESIGN.md, index.html and model.json for a Terraform root.
    Build(BuildArgs),
}

#[derive(clap::Args)]
struct BuildArgs {
    /// The Terraform root directory.
    #[arg(default_value = ".")]
    path: PathBuf,
    /// Output directory.
    #[arg(short, long, default_value = "zumen-out")]
    out: PathBuf,
    /// Comma-separated subset of: svg, md, html, json.
    #[arg(long, default_value = "svg,md,html,json")]
    format: String,
    /// Built-in theme name (`default`, `dark`) or a theme folder on disk.
    #[arg(long, default_value = "default")]
    theme: String,
    /// Sidecar file (default: `<path>/zumen.toml` when present).
    #[arg(long)]
    config: Option<PathBuf>,
    /// Print layout quality figures per diagram.
    #[arg(long)]
    stats: bool,
    /// Write nothing; exit 1 and name each file that is stale or missing.
    #[arg(long)]
    check: bool,
    /// Write output even when some files have errors (they are skipped and reported).
    #[arg(long)]
    keep_going: bool,
    /// Build every Terraform root under PATH into OUT/<relative path>/, plus an index.
    #[arg(short, long)]
    recursive: bool,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Build(args) => run_build(args),
    };
    match result {
        Ok(code) => code,
        Err(err) => {
            eprintln!("error: {err:#}");
            ExitCode::from(2)
        }
    }
}

fn load_theme(name: &str) -> Result<Theme> {
    let path = PathBuf::from(name);
    if path.is_dir() {
        return Theme::load(&path).map_err(|e| anyhow::anyhow!("theme {}: {e}", path.display()));
    }
    Theme::builtin(name).ok_or_else(|| anyhow::anyhow!("unknown theme `{name}` (built-in: default, dark; or a folder)"))
}

fn print_diagnostics(diagnostics: &[Diagnostic]) {
    let color = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    let mut sorted: Vec<&Diagnostic> = diagnostics.iter().collect();
    sorted.sort_by_key(|d| std::cmp::Reverse(d.level));
    for d in sorted {
        let text = d.render();
        if color {
            let code = match d.level {
                Level::Error => "31",
                Level::Warning => "33",
                Level::Note => "36",
            };
            eprintln!("\x1b[{code}m{text}\x1b[0m");
        } else {
            eprintln!("{text}");
        }
    }
}

fn run_build(args: BuildArgs) -> Result<ExitCode> {
    let formats = Formats::parse(&args.format).map_err(anyhow::Error::msg)?;
    let theme = load_theme(&args.theme)?;
    let options = Options { root: args.path.clone(), config: args.config.clone(), formats, theme };
    if args.recursive {
        return run_recursive(&args, &options);
    }
    let out = build::build(&options)?;
    print_diagnostics(&out.diagnostics);
    if args.stats {
        for (id, s) in &out.stats {
            println!(
                "{id}: nodes {} edges {} boxes {} crossings {} overlaps {} size {:.0}x{:.0} layout {:.1} ms",
                s.nodes, s.edges, s.boxes, s.crossings, s.overlaps, s.width, s.height, s.millis
            );
        }
    }
    if has_errors(&out.diagnostics) && !args.keep_going {
        eprintln!("zumen: errors found; nothing written (use --keep-going to write anyway)");
        return Ok(ExitCode::from(2));
    }
    if args.check {
        let stale = output::stale(&args.out, &out.artifacts);
        for path in &stale {
            eprintln!("stale: {}", args.out.join(path).display());
        }
        return Ok(if stale.is_empty() { ExitCode::SUCCESS } else { ExitCode::from(1) });
    }
    output::write_all(&args.out, &out.artifacts)?;
    let resources = out.model.of_kind(zumen::model::ItemKind::Resource).count();
    eprintln!("zumen: {} resources → {} files in {}", resources, out.artifacts.len(), args.out.display());
    // Reaching here with errors means --keep-going: the broken files were skipped and reported.
    Ok(ExitCode::SUCCESS)
}

/// `build --recursive`: every root is built; failures are reported and make the exit code 2,
/// but do not stop the other roots from being written.
fn run_recursive(args: &BuildArgs, options: &Options) -> Result<ExitCode> {
    if !args.path.is_dir() {
        anyhow::bail!("{} is not a directory", args.path.display());
    }
    let results = zumen::roots::build_all(options);
    if results.is_empty() {
        anyhow::bail!("no Terraform roots found under {}", args.path.display());
    }
    let mut artifacts = zumen::roots::index_artifacts(&results);
    let mut failed = 0;
    for r in &results {
        let name = if r.relative.is_empty() { "." } else { r.relative.as_str() };
        match &r.outcome {
            Ok(out) => {
                let prefixed: Vec<Diagnostic> = out
                    .diagnostics
                    .iter()
                    .cloned()
                    .map(|mut d| {
                        if let Some(loc) = d.location.as_mut() {
                            if !r.relative.is_empty() {
                                loc.file = format!("{}/{}", r.relative, loc.file);
                            }
                        }
                        d
                    })
                    .collect();
                print_diagnostics(&prefixed);
                if has_errors(&out.diagnostics) && !args.keep_going {
                    failed += 1;
                    eprintln!("zumen: {name}: errors found; not written");
                    continue;
                }
                if args.stats {
                    for (id, s) in &out.stats {
                        println!(
                            "{name} {id}: nodes {} edges {} crossings {} overlaps {} layout {:.1} ms",
                            s.nodes, s.edges, s.crossings, s.overlaps, s.millis
                        );
                    }
                }
                artifacts.extend(out.artifacts.iter().cloned());
            }
            Err(e) => {
                failed += 1;
                eprintln!("error: {name}: {e:#}");
            }
        }
    }
    if args.check {
        let stale = output::stale(&args.out, &artifacts);
        for path in &stale {
            eprintln!("stale: {}", args.out.join(path).display());
        }
        return Ok(if failed > 0 {
            ExitCode::from(2)
        } else if stale.is_empty() {
            ExitCode::SUCCESS
        } else {
            ExitCode::from(1)
        });
    }
    output::write_all(&args.out, &artifacts)?;
    eprintln!("zumen: {} roots ({} failed) → {}", results.len(), failed, args.out.display());
    Ok(if failed > 0 { ExitCode::from(2) } else { ExitCode::SUCCESS })
}
