use clap::{Args, Parser, Subcommand};
use mijn_lexus_server::{simulator, telemetry, Application, Config};

#[derive(Debug, Parser)]
#[command(
    name = "mijn-lexus-server",
    version,
    about = "Mijn Lexus API and SPA server"
)]
struct Cli {
    #[command(flatten)]
    config: Config,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Post simulated driving of a fleet to a running server's ingest API.
    Simulate(SimulateArgs),
    /// Publish a new version (or a translation) of a legal document into the
    /// database; from its effective date signed-in users must accept it.
    PublishLegal(PublishLegalArgs),
    /// Import public charge points (D4) from an OCPI 2.2.1 locations file (a
    /// JSON array of Locations or the `{"data": [...]}` response) into the
    /// database; a malformed file is refused with its line and field.
    ImportChargePoints(ImportChargePointsArgs),
}

#[derive(Debug, Args)]
struct ImportChargePointsArgs {
    #[arg(long)]
    file: std::path::PathBuf,
}

#[derive(Debug, Args)]
struct PublishLegalArgs {
    /// terms or privacy.
    #[arg(long)]
    kind: String,
    #[arg(long)]
    version: u32,
    /// nl, fr or en (a new version comes in Dutch first).
    #[arg(long, default_value = "nl")]
    language: String,
    /// The document (`# Title`, `effective: YYYY-MM-DD`, `## Section` ...).
    #[arg(long)]
    file: std::path::PathBuf,
}

#[derive(Debug, Args)]
struct SimulateArgs {
    /// Same seed, same vehicles, keys and messages.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Days of driving before now.
    #[arg(long, default_value_t = 90)]
    days: u32,
    /// The running server.
    #[arg(long, default_value = "http://localhost:8080")]
    url: String,
    /// Its --telematics-token.
    #[arg(long, env = "TELEMATICS_TOKEN")]
    token: String,
    /// Messages per request.
    #[arg(long, default_value_t = 200)]
    batch: usize,
    /// "now" of the simulation (RFC 3339); default: the current time.
    #[arg(long)]
    now: Option<chrono::DateTime<chrono::Utc>>,
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let cli = Cli::parse();
    let config = cli.config;
    telemetry::init(config.log_format, config.log_pseudonym_key.as_deref());
    if let Some(Command::Simulate(args)) = cli.command {
        let now = args.now.unwrap_or_else(chrono::Utc::now);
        let sim = simulator::simulate(args.seed, args.days, now);
        let started = std::time::Instant::now();
        let sent = simulator::post(&sim, &args.url, &args.token, args.batch).await?;
        let secs = started.elapsed().as_secs_f64();
        print!("{}", simulator::describe(&sim));
        println!(
            "sent {sent} messages in {secs:.2} s ({:.0} messages/s)",
            sent as f64 / secs.max(1e-9)
        );
        return Ok(());
    }
    if let Some(Command::PublishLegal(args)) = cli.command {
        return publish_legal(&config, args).await;
    }
    if let Some(Command::ImportChargePoints(args)) = cli.command {
        return import_charge_points(&config, args).await;
    }
    let app = match Application::build(config).await {
        Ok(app) => app,
        Err(e) => {
            tracing::error!(error = format!("{e:#}"), "cannot start");
            return Err(e);
        }
    };
    app.run_until_stopped().await?;
    Ok(())
}

async fn publish_legal(config: &Config, args: PublishLegalArgs) -> anyhow::Result<()> {
    use mijn_lexus_contract::legal::LegalKind;
    use mijn_lexus_contract::Language;
    use mijn_lexus_server::legal::LegalCatalog;
    let kind = LegalKind::from_slug(&args.kind)
        .ok_or_else(|| anyhow::anyhow!("--kind must be terms or privacy"))?;
    let language = Language::from_code(&args.language)
        .ok_or_else(|| anyhow::anyhow!("--language must be nl, fr or en"))?;
    let source = std::fs::read_to_string(&args.file)
        .map_err(|e| anyhow::anyhow!("cannot read {}: {e}", args.file.display()))?;
    let db = mijn_lexus_server::db::connect(&config.database_url).await?;
    let catalog = LegalCatalog::load()?;
    let now = chrono::Utc::now().timestamp();
    catalog.sync(&db, now).await?;
    let doc = catalog
        .publish(&db, kind, args.version, language, &source, now)
        .await
        .map_err(|e| anyhow::anyhow!("not published: {e}"))?;
    db.close().await;
    println!(
        "published {} v{} ({}), effective {}: \"{}\"",
        kind.slug(),
        doc.version,
        doc.language.code(),
        doc.effective_date,
        doc.title
    );
    Ok(())
}

async fn import_charge_points(config: &Config, args: ImportChargePointsArgs) -> anyhow::Result<()> {
    use mijn_lexus_server::charging;
    let text = std::fs::read_to_string(&args.file)
        .map_err(|e| anyhow::anyhow!("cannot read {}: {e}", args.file.display()))?;
    let locations = charging::ocpi::parse(&text)
        .map_err(|e| anyhow::anyhow!("{} refused, nothing imported: {e}", args.file.display()))?;
    let db = mijn_lexus_server::db::connect(&config.database_url).await?;
    let report = charging::import(&db, &locations, chrono::Utc::now().timestamp()).await?;
    db.close().await;
    println!(
        "imported {} locations, {} EVSEs, {} connectors",
        report.locations, report.evses, report.connectors
    );
    Ok(())
}
