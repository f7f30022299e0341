// libFuzzer target: the event stream an attached app reads (GET /events, live/eventstream.h),
// on any bytes: one message a line, read in order by one connection's strict reader.
// Refused: one line, and the reader refuses everything after it. Accepted: written again by
// the writer from what was read, a second reader (greeted by that writer) accepts it too and
// reads the same thing back (the round trip of every message kind).

#include "fuzzcheck.h"
#include "live/eventstream.h"

#include "export/timelineexporter.h"

#include <QJsonDocument>

#include <optional>

using namespace idem;

namespace {

QString asText(const QJsonObject &o)
{
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

void messages(const QByteArray &input)
{
    EventStreamReader reader;
    EventStreamReader echo;
    std::optional<EventStreamWriter> writer;
    RunResult context;
    for (const QByteArray &line : input.split('\n')) {
        const std::optional<StreamMessage> m = reader.read(line);
        if (!m) {
            fuzz::checkOneLine(reader.error());
            fuzz::check(!reader.read(line), "a reader refuses everything after a problem");
            return;
        }
        QByteArray again;
        switch (m->kind) {
        case StreamMessage::Kind::Hello:
            fuzz::check(!writer, "a second hello is refused");
            writer.emplace(m->hello);
            context = EventStreamWriter::context(m->hello);
            again = writer->hello(m->hello.via);
            break;
        case StreamMessage::Kind::Event:
            again = writer->event(m->event);
            break;
        case StreamMessage::Kind::Attempt:
            again = writer->attempt(m->index, m->attempt);
            break;
        case StreamMessage::Kind::Rows:
            again = EventStreamWriter::rows(m->rows);
            break;
        }
        fuzz::check(writer.has_value(), "the first message accepted is a hello");
        const std::optional<StreamMessage> back = echo.read(again);
        fuzz::check(back.has_value(), "what the writer writes from it, a reader reads",
                    echo.error() + QStringLiteral(" in ") + QString::fromUtf8(again));
        fuzz::check(back->kind == m->kind, "it reads back as the same kind",
                    QString::fromUtf8(again));
        switch (m->kind) {
        case StreamMessage::Kind::Hello:
            fuzz::check(back->hello.session == m->hello.session &&
                            back->hello.clusters == m->hello.clusters &&
                            back->hello.via == m->hello.via &&
                            back->hello.startEpochUs == m->hello.startEpochUs &&
                            back->hello.settings == m->hello.settings &&
                            back->hello.nodes.size() == m->hello.nodes.size(),
                        "a hello reads back the same", QString::fromUtf8(again));
            break;
        case StreamMessage::Kind::Event:
            fuzz::check(asText(TimelineExporter::eventJson(context, back->event)) ==
                            asText(TimelineExporter::eventJson(context, m->event)),
                        "an event reads back the same", QString::fromUtf8(again));
            break;
        case StreamMessage::Kind::Attempt:
            fuzz::check(back->index == m->index &&
                            asText(TimelineExporter::attemptJson(context, back->attempt)) ==
                                asText(TimelineExporter::attemptJson(context, m->attempt)),
                        "an attempt reads back the same", QString::fromUtf8(again));
            break;
        case StreamMessage::Kind::Rows:
            fuzz::check(
                back->rows.cluster == m->rows.cluster &&
                    back->rows.replicationConflicts == m->rows.replicationConflicts &&
                    asText(TimelineExporter::databaseJson(back->rows.keys, back->rows.ledger)) ==
                        asText(TimelineExporter::databaseJson(m->rows.keys, m->rows.ledger)),
                "rows read back the same", QString::fromUtf8(again));
            break;
        }
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    messages(QByteArray(reinterpret_cast<const char *>(data), qsizetype(size)));
    return 0;
}
