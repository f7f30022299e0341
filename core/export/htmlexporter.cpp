#include "export/htmlexporter.h"

#include "export/palette.h"
#include "export/svgexporter.h"
#include "export/xmltext.h"
#include "report/whytext.h"
#include "timeline/durationtext.h"

#include <QJsonObject>
#include <QMap>
#include <QRegularExpression>
#include <QXmlStreamWriter>

namespace idem {

namespace {

// No '<', '>', '&' or '"' here: the XML writer would escape them, and an HTML parser reads a
// <style> element's text as is.
// "$name" stands for the palette's colour of that name (export/palette.h, light).
const char *const cssTemplate = R"(
body { font: 14px/1.45 DejaVu Sans, Verdana, Arial, sans-serif; color: $text;
  background: $background; margin: 0; padding: 24px; }
main { max-width: 1400px; margin: 0 auto; background: $panel; padding: 20px 28px;
  border-radius: 8px; }
h1 { font-size: 22px; margin: 0 0 4px; }
h2 { font-size: 17px; margin: 28px 0 8px; padding-bottom: 4px; border-bottom: 1px solid $border; }
p.description { margin: 0 0 14px; color: $mutedText; }
p.verdict { padding: 10px 14px; border-radius: 6px; font-weight: bold; }
p.verdict.ok { background: $okFill; color: $okText; border: 1px solid $status201; }
p.verdict.anomaly { background: $anomalyFill; color: $anomalyText; border: 1px solid $anomaly; }
figure { margin: 0; overflow-x: auto; }
figure svg { display: block; max-width: 100%; height: auto; }
figcaption { color: $mutedText; font-size: 12px; margin-top: 4px; }
table { border-collapse: collapse; width: 100%; font-size: 13px; }
th, td { border: 1px solid $border; padding: 3px 8px; text-align: left; vertical-align: top; }
th { background: $band; }
td.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
tr.alert td { background: $anomalyFill; }
td.s200 { color: $status200; } td.s201 { color: $okText; } td.s400 { color: $anomalyText; }
td.why { color: $mutedText; font-style: italic; }
td.s409 { color: $status409Text; } td.s422 { color: $status422Text; }
code { font-family: DejaVu Sans Mono, monospace; font-size: 12px; }
footer { margin-top: 24px; color: $mutedText; font-size: 12px; }
@page { size: A4 landscape; margin: 12mm; }
@media print {
  body { background: $panel; padding: 0; font-size: 11px; }
  main { max-width: none; padding: 0; border-radius: 0; }
  figure { overflow: visible; break-inside: avoid; }
  figure svg { width: auto; height: auto; max-height: 120mm; }
  figcaption { display: none; }
  h2 { break-after: avoid; }
  tr { break-inside: avoid; }
  thead { display: table-header-group; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
)";

/// The style sheet with the palette's colours filled in.
QString css()
{
    static const QRegularExpression token(QStringLiteral("\\$(\\w+)"));
    const QVariantMap colours = Palette::light().toVariantMap();
    const QString source = QString::fromUtf8(cssTemplate);
    QString out;
    qsizetype last = 0;
    for (auto it = token.globalMatch(source); it.hasNext();) {
        const QRegularExpressionMatch m = it.next();
        out += QStringView(source).mid(last, m.capturedStart() - last);
        const QVariant colour = colours.value(m.captured(1));
        Q_ASSERT_X(colour.isValid(), "css", "a $name that is not a palette colour");
        out += colour.toString();
        last = m.capturedEnd();
    }
    out += QStringView(source).mid(last);
    return out;
}

class Page
{
public:
    explicit Page(QByteArray *out) : m_xml(out)
    {
        m_xml.setAutoFormatting(true);
        m_xml.setAutoFormattingIndent(1);
    }

    QXmlStreamWriter &xml() { return m_xml; }

    void open(const QString &element, const QString &cssClass = {})
    {
        m_xml.writeStartElement(element);
        if (!cssClass.isEmpty())
            m_xml.writeAttribute(QStringLiteral("class"), cssClass);
    }
    void close() { m_xml.writeEndElement(); }

    // Always a start and an end tag, even when empty: "<td/>" is not HTML.
    void element(const QString &name, const QString &text, const QString &cssClass = {})
    {
        open(name, cssClass);
        m_xml.writeCharacters(xmlSafeText(text));
        close();
    }

    void row(const QStringList &cells, const QString &cellName = QStringLiteral("td"),
             const QString &rowClass = {}, const QMap<int, QString> &cellClasses = {})
    {
        open(QStringLiteral("tr"), rowClass);
        for (int i = 0; i < cells.size(); ++i)
            element(cellName, cells[i], cellClasses.value(i));
        close();
    }

    void tableHead(const QStringList &headings)
    {
        open(QStringLiteral("table"));
        open(QStringLiteral("thead"));
        row(headings, QStringLiteral("th"));
        close();
        open(QStringLiteral("tbody"));
    }
    void tableEnd()
    {
        close(); // tbody
        close(); // table
    }

private:
    QXmlStreamWriter m_xml;
};

QString nodeName(const RunResult &run, int node)
{
    return node >= 0 && node < run.nodes.size() ? run.nodes[node].name : QString();
}

void settingsTable(Page &page, const Settings &settings)
{
    page.tableHead({QStringLiteral("setting"), QStringLiteral("value"), QStringLiteral("option"),
                    QStringLiteral("meaning")});
    for (const SettingInfo &info : settingInfos()) {
        page.row({info.json, settings.valueText(info.json),
                  info.flag.isEmpty() ? QString() : QStringLiteral("--") + info.flag,
                  info.description},
                 QStringLiteral("td"), {}, {{1, QStringLiteral("num")}});
    }
    page.tableEnd();
}

void requestsTable(Page &page, const RunResult &run)
{
    page.tableHead({QStringLiteral("request"), QStringLiteral("client"), QStringLiteral("key"),
                    QStringLiteral("server"), QStringLiteral("answer"), QStringLiteral("sent (ms)"),
                    QStringLiteral("answered (ms)")});
    for (const Attempt &a : run.attempts) {
        const QString id = a.attempt == 1
                               ? a.request
                               : QStringLiteral("%1 attempt %2").arg(a.request).arg(a.attempt);
        QString client = run.scenario.clients.value(a.client).name;
        if (client.isEmpty())
            client = nodeName(run, a.clientNode);
        const QString answer = a.outcome == AttemptOutcome::Answered   ? QString::number(a.status)
                               : a.outcome == AttemptOutcome::TimedOut ? QStringLiteral("timed out")
                                                                       : QStringLiteral("none");
        page.row(
            {id, client, a.key.isEmpty() ? QStringLiteral("(none)") : a.key,
             nodeName(run, a.serverNode), answer,
             durationText(a.sentUs, DurationUnit::Milliseconds),
             a.receivedUs < 0 ? QString() : durationText(a.receivedUs, DurationUnit::Milliseconds)},
            QStringLiteral("td"), {},
            {{4, QStringLiteral("num s%1").arg(a.status)},
             {5, QStringLiteral("num")},
             {6, QStringLiteral("num")}});
    }
    page.tableEnd();
}

bool isAlert(const Event &e)
{
    return e.lost || e.type == EventType::Anomaly || e.type == EventType::Fault ||
           e.type == EventType::Conflict || e.type == EventType::Timeout;
}

void eventsTable(Page &page, const RunResult &run, const ExportRange &range)
{
    page.tableHead({QStringLiteral("#"), QStringLiteral("time (ms)"), QStringLiteral("type"),
                    QStringLiteral("from"), QStringLiteral("to"), QStringLiteral("key"),
                    QStringLiteral("status"), QStringLiteral("caption"),
                    QStringLiteral("why it matters")});
    for (const Event &e : run.events) {
        if (!range.contains(e.t))
            continue;
        QString status = e.status ? QString::number(e.status) : QString();
        if (e.lost)
            status = QString(status + QStringLiteral(" lost")).trimmed();
        page.row({QString::number(e.seq), durationText(e.t, DurationUnit::Milliseconds),
                  eventTypeName(e.type), nodeName(run, e.from), nodeName(run, e.to), e.key, status,
                  e.caption, whyOf(run, e)},
                 QStringLiteral("td"), isAlert(e) ? QStringLiteral("alert") : QString(),
                 {{0, QStringLiteral("num")},
                  {1, QStringLiteral("num")},
                  {6, QStringLiteral("num s%1").arg(e.status)},
                  {8, QStringLiteral("why")}});
    }
    page.tableEnd();
}

} // namespace

QByteArray HtmlExporter::render(const RunResult &run, const ExportRange &range)
{
    const Scenario &s = run.scenario;
    QString title = s.name;
    if (!s.title.isEmpty())
        title += QStringLiteral(" — ") + s.title;

    QByteArray out;
    Page page(&out);
    QXmlStreamWriter &xml = page.xml();
    xml.writeDTD(QStringLiteral("<!DOCTYPE html>"));
    xml.writeStartElement(QStringLiteral("html"));
    xml.writeDefaultNamespace(QStringLiteral("http://www.w3.org/1999/xhtml"));
    xml.writeAttribute(QStringLiteral("lang"), QStringLiteral("en"));
    page.open(QStringLiteral("head"));
    xml.writeEmptyElement(QStringLiteral("meta"));
    xml.writeAttribute(QStringLiteral("charset"), QStringLiteral("utf-8"));
    xml.writeEmptyElement(QStringLiteral("meta"));
    xml.writeAttribute(QStringLiteral("name"), QStringLiteral("generator"));
    xml.writeAttribute(QStringLiteral("content"), QStringLiteral("Idempotency Lab 0.1.0"));
    page.element(QStringLiteral("title"), title + QStringLiteral(" · Idempotency Lab"));
    page.element(QStringLiteral("style"), css());
    page.close(); // head

    page.open(QStringLiteral("body"));
    page.open(QStringLiteral("main"));
    page.element(QStringLiteral("h1"), title);
    page.element(QStringLiteral("p"), s.description, QStringLiteral("description"));
    page.element(QStringLiteral("p"), QStringLiteral("Verdict: ") + run.verdict.summary(),
                 run.verdict.ok() ? QStringLiteral("verdict ok")
                                  : QStringLiteral("verdict anomaly"));

    page.element(QStringLiteral("h2"), QStringLiteral("Timeline"));
    page.open(QStringLiteral("figure"));
    SvgExporter::write(xml, run, range);
    page.element(QStringLiteral("figcaption"),
                 QStringLiteral("A lane per node; arrows are messages, coloured by HTTP status. "
                                "Hover over an arrow for its caption."));
    page.close(); // figure

    page.element(QStringLiteral("h2"), QStringLiteral("Settings"));
    settingsTable(page, s.settings);
    page.element(QStringLiteral("h2"), QStringLiteral("Requests"));
    requestsTable(page, run);
    page.element(QStringLiteral("h2"), QStringLiteral("Events"));
    eventsTable(page, run, range);

    page.element(QStringLiteral("footer"),
                 QStringLiteral("Exported by Idempotency Lab 0.1.0 · scenario %1 · seed %2 · "
                                "events from %3 to %4")
                     .arg(s.name)
                     .arg(s.settings.seed)
                     .arg(durationText(range.fromUs, DurationUnit::Milliseconds),
                          durationText(range.clampedTo(run), DurationUnit::Milliseconds)));
    page.close();          // main
    page.close();          // body
    xml.writeEndElement(); // html
    xml.writeEndDocument();
    if (out.startsWith('\n')) // auto-formatting puts a line break before the DOCTYPE
        out.remove(0, 1);
    out.append('\n');
    return out;
}

} // namespace idem
