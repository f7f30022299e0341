// The floors of tests/bench/http.sh, measured in the same run as `serve`:
//   bare_http route PORT     HTTP only, the plain QtHttpServer way: QHttpServer::route() on
//                            one thread, answering every POST /payments with a fixed 201
//   bare_http frontend PORT  HTTP only, live mode's own HTTP layer (HttpFrontend: one I/O
//                            thread per core), the handler replaced by the fixed answer
//   bare_http sql N DIR      SQL only: the statements of N new-key requests (lookup, claim,
//                            charge, consume: three commits) on a WAL file in DIR, one
//                            thread, no HTTP; prints requests/s
//   bare_http sql-atomic N DIR  the same for --atomic on: lookup, claim, then the ledger row
//                            and consume in one transaction (two commits)
// The servers are stateless: the bench script ends them with SIGTERM.
#include "live/httpfrontend.h"
#include "storage/clusterdatabase.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QtHttpServer/QHttpServer>

#include <cstdio>

namespace {
const QByteArray body = R"({"paymentId":"A-1","status":"charged","amount":10,"from":"A","to":"B"})";
} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    const QString mode = args.value(1);
    const quint16 port = quint16(args.value(2).toUInt());

    if (mode == QLatin1String("route")) {
        QHttpServer server;
        server.route(QStringLiteral("/payments"), QHttpServerRequest::Method::Post, [] {
            return QHttpServerResponse("application/json", body,
                                       QHttpServerResponse::StatusCode::Created);
        });
        if (server.listen(QHostAddress::LocalHost, port) == 0) {
            std::fprintf(stderr, "bare_http: cannot listen on port %u\n", port);
            return 1;
        }
        return app.exec();
    }
    if (mode == QLatin1String("frontend")) {
        idem::HttpResponse created;
        created.status = 201;
        created.body = body;
        idem::HttpFrontend frontend(
            [created](int, idem::HttpCall &&, const idem::HttpFrontend::Respond &respond) {
                respond(created);
            });
        if (auto error =
                frontend.listen(QHostAddress::LocalHost, {port, 0}, QThread::idealThreadCount())) {
            std::fprintf(stderr, "bare_http: %s\n", qPrintable(*error));
            return 1;
        }
        return app.exec();
    }
    if (mode == QLatin1String("sql") || mode == QLatin1String("sql-atomic")) {
        // The statement mix of a new key: with atomic off lookup, claim, ledger row, consume
        // (three commits); with atomic on the ledger row and CONSUMED in one transaction (two).
        const bool atomic = mode == QLatin1String("sql-atomic");
        const QList<idem::DbOp> ops =
            atomic ? QList<idem::DbOp>{idem::DbOp::Lookup, idem::DbOp::Overwrite,
                                       idem::DbOp::ChargeAndConsume}
                   : QList<idem::DbOp>{idem::DbOp::Lookup, idem::DbOp::Overwrite,
                                       idem::DbOp::Charge, idem::DbOp::Consume};
        const int requests = args.value(2).toInt();
        idem::ClusterDatabase db(0, QStringLiteral("bare-sql"),
                                 QDir(args.value(3)).filePath(QStringLiteral("floor.sqlite")));
        if (auto error = db.open()) {
            std::fprintf(stderr, "bare_http: %s\n", qPrintable(*error));
            return 1;
        }
        db.disableAutoCheckpoint(); // as in live mode: checkpoints are another thread's work
        idem::DbCommand cmd;
        cmd.fingerprint = QStringLiteral("0123456789abcdef");
        cmd.responseCode = 201;
        cmd.responseBody = QString::fromLatin1(body);
        QElapsedTimer clock;
        clock.start();
        for (int i = 0; i < requests; ++i) {
            cmd.key = QStringLiteral("floor-") + QString::number(i);
            for (const idem::DbOp op : ops) {
                cmd.op = op;
                db.execute(cmd, clock.nsecsElapsed() / 1000);
            }
        }
        std::printf("%.0f\n", requests * 1e9 / double(clock.nsecsElapsed()));
        return 0;
    }
    std::fprintf(stderr,
                 "usage: bare_http route|frontend PORT, or bare_http sql|sql-atomic N DIR\n");
    return 2;
}
