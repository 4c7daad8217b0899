//! The `zumen` command line. Flags are parsed with clap into a validated configuration, then
//! handed to the library pipeline. Exit codes: 0 ok, 1 check failed (stale output, findings),
//! 2 input or usage error.

mod cli;

use anyhow::{anyhow, Context, Result};
use clap::{CommandFactory, Parser};
use cli::{BuildArgs, CheckArgs, CheckFormat, Cli, Command, CompletionsArgs, InitArgs, InjectArgs, ManArgs};
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use zumen::build::{self, Formats, Options};
use zumen::diagnostic::{has_errors, Diagnostic, Level};
use zumen::output::{self, Artifact};
use zumen::theme::Theme;
use zumen::{check, init, inject};

/// mimalloc instead of the system allocator: parsing and modelling allocate many small,
/// short-lived values (perf showed glibc malloc/free at ~30 % of a 1,200-file parse + model).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// `eprintln!` that cannot panic: when stderr is a pipe whose reader went away
/// (`zumen build 2>&1 | head`), the message is lost, not the run.
macro_rules! say {
    ($($arg:tt)*) => {{
        let _ = writeln!(std::io::stderr(), $($arg)*);
    }};
}

/// Writes to standard output. A reader that stops early (`zumen check --format json | head`)
/// ends the output quietly instead of a panic; the exit code still says what the command found.
fn print_out(bytes: &[u8]) -> Result<()> {
    match std::io::stdout().lock().write_all(bytes) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => Ok(other?),
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Build(args) => run_build(args),
        Command::Check(args) => run_check(args),
        Command::Inject(args) => run_inject(args),
        Command::Init(args) => run_init(args),
        Command::Completions(args) => completions(args),
        Command::Man(args) => man(args),
    };
    match result {
        Ok(code) => code,
        Err(err) => {
            say!("error: {err:#}");
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

/// Prints findings on stderr, errors first, each path joined to `root` as the user gave it (so
/// it opens from where zumen was run, as `zumen check` prints it).
fn print_diagnostics(diagnostics: &[Diagnostic], root: &Path) {
    let color = use_color(std::io::stderr().is_terminal());
    let root = root.to_string_lossy();
    let mut sorted: Vec<&Diagnostic> = diagnostics.iter().collect();
    sorted.sort_by_key(|d| std::cmp::Reverse(d.level));
    for d in sorted {
        let text = d.rooted(&root).render();
        if color {
            let code = match d.level {
                Level::Error => "31",
                Level::Warning => "33",
                Level::Note => "36",
            };
            say!("\x1b[{code}m{text}\x1b[0m");
        } else {
            say!("{text}");
        }
    }
}

fn run_build(args: BuildArgs) -> Result<ExitCode> {
    let formats = Formats::parse(&args.format).map_err(anyhow::Error::msg)?;
    let theme = load_theme(&args.theme)?;
    let options =
        Options { root: args.path.clone(), config: args.config.clone(), formats, theme, catalog: args.catalog.clone() };
    if args.recursive {
        return run_recursive(&args, &options);
    }
    let out = build::build(&options)?;
    print_diagnostics(&out.diagnostics, &args.path);
    if args.stats {
        for (id, s) in &out.stats {
            print_out(
                format!(
                    "{id}: nodes {} edges {} boxes {} crossings {} overlaps {} size {:.0}x{:.0} layout {:.1} ms\n",
                    s.nodes, s.edges, s.boxes, s.crossings, s.overlaps, s.width, s.height, s.millis
                )
                .as_bytes(),
            )?;
        }
    }
    if has_errors(&out.diagnostics) && !args.keep_going {
        say!("zumen: errors found; nothing written (use --keep-going to write anyway)");
        return Ok(ExitCode::from(2));
    }
    if args.check {
        let stale = output::stale(&args.out, &out.artifacts);
        for path in &stale {
            say!("stale: {}", args.out.join(path).display());
        }
        return Ok(if stale.is_empty() { ExitCode::SUCCESS } else { ExitCode::from(1) });
    }
    output::write_all(&args.out, &out.artifacts)?;
    say!(
        "zumen: {} → {} in {}",
        out.model.size_summary(),
        plural(out.artifacts.len(), "file", "files"),
        args.out.display()
    );
    // Reaching here with errors means --keep-going: the broken files were skipped and reported.
    Ok(ExitCode::SUCCESS)
}

/// `1 file`, `2 files`.
fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// True when colour may be used on a stream: it is a terminal and `NO_COLOR` is unset or empty.
fn use_color(terminal: bool) -> bool {
    terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

fn run_check(args: CheckArgs) -> Result<ExitCode> {
    let options = check::Options { min_coverage: args.min_coverage };
    let report = check::check(&args.path, args.config.as_deref(), &options)?;
    let text = match args.format {
        CheckFormat::Text => check::format::text(&report, use_color(std::io::stdout().is_terminal())),
        CheckFormat::Json => check::format::json(&report),
        CheckFormat::Github => check::format::github(&report),
    };
    print_out(text.as_bytes())?;
    Ok(if report.failed() { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

/// Writes one file atomically (temp file in the same directory, then rename).
fn write_file(path: &Path, bytes: Vec<u8>) -> Result<()> {
    let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let name = path.file_name().ok_or_else(|| anyhow!("{} is not a file path", path.display()))?;
    output::write_all(dir, &[Artifact { path: PathBuf::from(name), bytes }])
}

fn run_inject(args: InjectArgs) -> Result<ExitCode> {
    let text = std::fs::read_to_string(&args.file).with_context(|| format!("reading {}", args.file.display()))?;
    let model = build::model_only(&args.root, args.config.as_deref())?;
    print_diagnostics(&model.diagnostics, &args.root);
    if has_errors(&model.diagnostics) {
        say!("zumen: errors found; {} left unchanged", args.file.display());
        return Ok(ExitCode::from(2));
    }
    let image = args.image.unwrap_or_else(|| inject::image_link(&args.file, &args.out.join("architecture.svg")));
    let block = inject::block(&model, &image);
    let updated = inject::splice(&text, &block).map_err(|e| anyhow!("{}: {e}", args.file.display()))?;
    if args.check {
        if updated == text {
            return Ok(ExitCode::SUCCESS);
        }
        say!("stale: {} (run `zumen inject {}`)", args.file.display(), args.file.display());
        return Ok(ExitCode::from(1));
    }
    if updated != text {
        write_file(&args.file, updated.into_bytes())?;
        say!("zumen: updated {}", args.file.display());
    }
    Ok(ExitCode::SUCCESS)
}

fn run_init(args: InitArgs) -> Result<ExitCode> {
    let target = args.path.join("zumen.toml");
    if target.exists() && !args.force {
        say!("zumen: {} already exists; use --force to overwrite it", target.display());
        return Ok(ExitCode::from(2));
    }
    let catalog = match &args.catalog {
        Some(path) => zumen::catalog::Catalog::with_extra(path)?,
        None => zumen::catalog::Catalog::builtin(),
    };
    let model = init::comment_model(&args.path)?;
    let text = init::starter(&model, &catalog);
    let entries = text.matches("\n[resources.").count();
    write_file(&target, text.into_bytes())?;
    say!(
        "zumen: wrote {} with {entries} resource(s) to document; fill in each empty intent, then run `zumen check`",
        target.display()
    );
    Ok(ExitCode::SUCCESS)
}

fn completions(args: CompletionsArgs) -> Result<ExitCode> {
    // Into a buffer first: clap_complete panics on a failed write, print_out does not.
    let mut script = Vec::new();
    clap_complete::generate(args.shell, &mut Cli::command(), "zumen", &mut script);
    print_out(&script)?;
    Ok(ExitCode::SUCCESS)
}

fn man(args: ManArgs) -> Result<ExitCode> {
    let mut command = Cli::command();
    command.build();
    let page = match &args.subcommand {
        None => command,
        Some(name) => {
            let sub = command.find_subcommand(name).ok_or_else(|| anyhow!("no subcommand `{name}`"))?;
            // The page is named after the full command line, e.g. `zumen-check`.
            sub.clone().display_name(format!("zumen-{name}"))
        }
    };
    let mut bytes = Vec::new();
    clap_mangen::Man::new(page).render(&mut bytes)?;
    print_out(&bytes)?;
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
    let mut artifacts = zumen::roots::index_artifacts(&results, args.keep_going);
    let roots = results.len();
    let mut failed = 0;
    // Results are consumed: each root's artifacts move into the list to write (not a copy of
    // every output of every root), and its model and analysis are freed as we go.
    for r in results {
        let name = if r.relative.is_empty() { "." } else { r.relative.as_str() };
        match r.outcome {
            Ok(out) => {
                print_diagnostics(&out.diagnostics, &args.path.join(&r.relative));
                if !zumen::roots::is_written(&out, args.keep_going) {
                    failed += 1;
                    say!("zumen: {name}: errors found; not written");
                    continue;
                }
                if args.stats {
                    for (id, s) in &out.stats {
                        print_out(
                            format!(
                                "{name} {id}: nodes {} edges {} crossings {} overlaps {} layout {:.1} ms\n",
                                s.nodes, s.edges, s.crossings, s.overlaps, s.millis
                            )
                            .as_bytes(),
                        )?;
                    }
                }
                artifacts.extend(out.artifacts);
            }
            Err(e) => {
                failed += 1;
                say!("error: {name}: {e:#}");
            }
        }
    }
    if args.check {
        let stale = output::stale(&args.out, &artifacts);
        for path in &stale {
            say!("stale: {}", args.out.join(path).display());
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
    say!("zumen: {} ({failed} failed) → {}", plural(roots, "root", "roots"), args.out.display());
    Ok(if failed > 0 { ExitCode::from(2) } else { ExitCode::SUCCESS })
}
