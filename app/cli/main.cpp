#include "clicommands.h"
#include "cliio.h"
#include "huntcommand.h"
#include "servecommand.h"
#include "whatifcommands.h"

#include <QCoreApplication>
#include <QTextStream>
#ifdef IDEMLAB_HAS_SVG
#include <QGuiApplication>
#endif

#include <memory>

namespace {

const char *const usage =
    "Usage: idemlab-cli <command> [options]\n"
    "\n"
    "Commands:\n"
    "  list                                    presets, one per line: name — description\n"
    "  run <preset|file.json> [overrides]      simulate and print a report\n"
    "      [--json] [--export FILE] [--from-ms T] [--to-ms T] [--db-dir DIR]\n"
    "      [--fault SPEC]...                    e.g. crash:server-a1:after=claim:request=1\n"
    "  bench [--requests N]                    engine throughput against bare SQL\n"
    "  serve [--port-a 8081] [--port-b 8082] [--bind 127.0.0.1] [--db-dir DIR] [overrides]\n"
    "      [--cache redis://[:PASSWORD@]HOST[:PORT][/DB]]  the shared cache in a real Redis\n"
    "      [--allow-origin http://HOST[:PORT]]...   web pages that may read the answers\n"
    "      [--log events|requests|none]        live mode: both clusters as HTTP servers\n"
    "      [--workers N] [--io-threads N] [--crash-after claim|charge|consume|respond[:N]]\n"
    "  serve --cluster A|B --port N --peer http://HOST:PORT [--cache redis://...] [...]\n"
    "                                          one cluster in this process, replicating to the\n"
    "                                          other's process over HTTP (POST /replication)\n"
    "  compare <preset|file> [overrides] --left \"OVERRIDES\" --right \"OVERRIDES\"\n"
    "      [--json] [--export FILE.html|.svg]  one scenario twice: the first difference\n"
    "  sweep <preset|file> --vary NAME=FROM:TO:STEP|V1,V2,... [--vary ...] --trials N\n"
    "      [--seed-from S] [--jobs N] [--shard K/N] [--json] [--csv FILE] [--plot FILE.svg|.png]\n"
    "  sweep --merge PART.json...              join the shards of a sweep\n"
    "  hunt <preset|file> [overrides] [--vary ...] [--invariant duplicate|stuck|collision|any]\n"
    "      [--budget N] [--save FILE.json] [--export FILE] [--json]  find a failure, shrink it\n"
    "\n"
    "Overrides: --mutex on|off  --cache on|off  --delay-ms N  --lag-ms N  --op-ms N  --db-ms N\n"
    "  --cache-ms N  --timeout-ms N  --retries N  --jitter-ms N  --loss P\n"
    "  --replay seed|original  --seed N  (and --router-ms, --backoff-ms, --servers,\n"
    "  --replication on|off, --cache-ttl-ms; see 'idemlab-cli run --help')\n"
    "Protocol: --lease-ms N  --atomic on|off  --key-ttl-ms N  --error-policy store|release\n"
    "  --cache-failure closed|open  --key-scope global|client  --retry-errors on|off\n";

} // namespace

int main(int argc, char *argv[])
{
    // A PNG plot is drawn with Qt Gui's painter and fonts: only then a QGuiApplication (on the
    // offscreen platform unless one is asked for), so no other command needs a display.
    QStringList raw;
    for (int i = 1; i < argc; ++i)
        raw << QString::fromLocal8Bit(argv[i]);
    std::unique_ptr<QCoreApplication> application;
#ifdef IDEMLAB_HAS_SVG
    if (raw.value(0) == QLatin1String("sweep") && idem::cli::wantsPngPlot(raw)) {
        if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
            qputenv("QT_QPA_PLATFORM", "offscreen");
        application = std::make_unique<QGuiApplication>(argc, argv);
    }
#endif
    if (!application)
        application = std::make_unique<QCoreApplication>(argc, argv);
    QCoreApplication &app = *application;
    QCoreApplication::setApplicationName(QStringLiteral("idemlab-cli"));
    QCoreApplication::setApplicationVersion(QStringLiteral(IDEMLAB_VERSION));
    QStringList args = app.arguments().mid(1);
    QTextStream err(stderr);
    if (args.isEmpty()) {
        err << usage;
        return 2;
    }
    const QString command = args.takeFirst();
    if (command == QLatin1String("--help") || command == QLatin1String("-h") ||
        command == QLatin1String("help")) {
        QTextStream(stdout) << usage;
        return 0;
    }
    if (command == QLatin1String("--version")) {
        QTextStream(stdout) << "idemlab-cli " << IDEMLAB_VERSION << Qt::endl;
        return 0;
    }
    if (command == QLatin1String("run"))
        return idem::cli::run(args); // its help lists the run's own arguments and overrides
    if (command == QLatin1String("compare"))
        return idem::cli::compare(args);
    if (command == QLatin1String("sweep"))
        return idem::cli::sweep(args);
    if (command == QLatin1String("hunt"))
        return idem::cli::hunt(args);
    if (idem::cli::wantsHelp(args)) {
        QTextStream(stdout) << usage;
        return 0;
    }
    if (command == QLatin1String("list"))
        return idem::cli::list(args);
    if (command == QLatin1String("bench"))
        return idem::cli::bench(args);
    if (command == QLatin1String("serve"))
        return idem::cli::serve(args);
    err << "idemlab-cli: unknown command \"" << command
        << "\" (expected list, run, compare, sweep, hunt, bench or serve; see idemlab-cli --help)"
        << Qt::endl;
    return 2;
}
