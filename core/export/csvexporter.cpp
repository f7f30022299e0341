#include "export/csvexporter.h"

namespace idem {

namespace {

// RFC 4180: a field holding a comma, a quote, CR or LF is quoted, its quotes doubled.
QString csvField(const QString &value)
{
    if (!value.contains(QLatin1Char(',')) && !value.contains(QLatin1Char('"')) &&
        !value.contains(QLatin1Char('\r')) && !value.contains(QLatin1Char('\n')))
        return value;
    QString quoted = value;
    quoted.replace(QLatin1Char('"'), QLatin1String("\"\""));
    return QLatin1Char('"') + quoted + QLatin1Char('"');
}

QString nodeName(const RunResult &run, int index)
{
    return index >= 0 && index < run.nodes.size() ? run.nodes[index].name : QString();
}

QString optionalNumber(qint64 value, qint64 absent)
{
    return value == absent ? QString() : QString::number(value);
}

// Exact milliseconds with three decimals, without going through a double.
QString millis(qint64 us)
{
    const qint64 magnitude = us < 0 ? -us : us;
    return QStringLiteral("%1%2.%3")
        .arg(us < 0 ? QStringLiteral("-") : QString())
        .arg(magnitude / 1000)
        .arg(magnitude % 1000, 3, 10, QLatin1Char('0'));
}

} // namespace

QByteArray CsvExporter::render(const RunResult &run, const ExportRange &range)
{
    static const char *const crlf = "\r\n";
    QByteArray out = "seq,t_us,t_ms,type,from,to,request,key,status,start_us,end_us,lost,label,"
                     "detail,state,caption";
    out += crlf;

    for (const Event &e : run.events) {
        if (!range.contains(e.t))
            continue;
        const QStringList fields = {
            QString::number(e.seq),
            QString::number(e.t),
            millis(e.t),
            eventTypeName(e.type),
            nodeName(run, e.from),
            nodeName(run, e.to),
            e.request < 0 ? QString() : QString::number(e.request),
            e.key,
            optionalNumber(e.status, 0),
            optionalNumber(e.startUs, -1),
            optionalNumber(e.endUs, -1),
            e.lost ? QStringLiteral("true") : QStringLiteral("false"),
            e.label,
            e.detail,
            e.state,
            e.caption,
        };
        QStringList quoted;
        quoted.reserve(fields.size());
        for (const QString &f : fields)
            quoted << csvField(f);
        out += quoted.join(QLatin1Char(',')).toUtf8();
        out += crlf;
    }
    return out;
}

} // namespace idem
