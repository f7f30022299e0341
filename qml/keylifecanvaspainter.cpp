#include "keylifecanvas.h"
#include "keylifecanvas_p.h"

#include "export/palette.h"
#include "timeline/durationtext.h"

#include <QFontMetricsF>
#include <QPainter>
#include <QPolygonF>

#include <algorithm>

namespace idem {

using namespace keylifecanvas;

// The key's life canvas drawn: the lanes and their names, the state bars, the requests,
// the ledger rows, the axis and the playhead. Where things go is in keylifecanvas.cpp.

namespace {

/// What a bar says: the state, then what sets it apart ("CONSUMED · copy · gen 2").
QString spanText(const KeySpan &s)
{
    QStringList parts{s.status == QLatin1String("expired") ? KeyLifeCanvas::tr("expired (reaped)")
                                                           : s.status};
    if (s.replica)
        parts << KeyLifeCanvas::tr("replicated");
    if (s.generation > 1)
        parts << KeyLifeCanvas::tr("gen %1").arg(s.generation);
    switch (s.mark) {
    case KeyMark::TakenOver:
        parts << KeyLifeCanvas::tr("taken over");
        break;
    case KeyMark::Fenced:
        parts << KeyLifeCanvas::tr("a stale write refused");
        break;
    case KeyMark::ClaimedAfterExpiry:
        parts << KeyLifeCanvas::tr("claimed again after expiry");
        break;
    default:
        break;
    }
    return parts.join(QStringLiteral(" · "));
}

} // namespace

void KeyLifeCanvas::paint(QPainter *painter)
{
    QPainter &p = *painter;
    const Palette &c = Palette::of(m_dark);
    p.fillRect(QRectF(0, 0, width(), height()), QColor(c.panel));
    if (!m_axis || m_key.isEmpty())
        return;
    // The lanes, banded, each with its name.
    for (int lane = 0; lane < laneCount; ++lane) {
        const QRectF r(0, m_laneTops[lane], width(), m_laneTops[lane + 1] - m_laneTops[lane]);
        if (lane % 2 == 0)
            p.fillRect(r, QColor(c.panelAlt));
        p.setPen(QColor(c.border));
        p.drawLine(QPointF(0, r.bottom()), QPointF(width(), r.bottom()));
        p.setFont(font(true));
        p.setPen(QColor(lane < 3 ? c.text : c.mutedText));
        p.drawText(QRectF(4, r.top(), m_labelWidth - 8, r.height()),
                   Qt::AlignLeft | Qt::AlignVCenter, laneName(lane));
    }
    for (int lane = 0; lane < 3; ++lane)
        paintSpans(p, lane);
    paintRequests(p);
    paintCharges(p);
    paintAxis(p);
    // The playhead.
    if (m_playback) {
        const double x = xForTime(m_playback->timeUs());
        p.setPen(QPen(QColor(c.accent), 2));
        p.drawLine(QPointF(x, 0), QPointF(x, m_plot.bottom()));
    }
}

void KeyLifeCanvas::paintSpans(QPainter &p, int lane) const
{
    const Palette &c = Palette::of(m_dark);
    const QRectF r = laneRect(lane);
    const double mid = r.center().y();
    // No row: a hairline through the lane.
    p.setPen(QPen(QColor(c.border), 1, Qt::DotLine));
    p.drawLine(QPointF(r.left(), mid), QPointF(r.right(), mid));
    p.setFont(font(true));
    const QFontMetricsF fm(p.font());
    const double barHeight = std::min(r.height() * 0.72, fm.height() * 1.35);
    for (const KeySpan &s : m_life.lanes.value(lane).spans) {
        if (s.status.isEmpty())
            continue;
        const double x0 = xForTime(double(s.fromUs));
        const double x1 = std::max(x0 + 3, xForTime(double(s.toUs)));
        const QRectF bar(x0, mid - barHeight / 2, x1 - x0, barHeight);
        const bool expired = s.status == QLatin1String("expired");
        const bool created = s.status == QLatin1String("CREATED");
        QColor fill(expired ? c.panel : created ? c.created : c.consumed);
        if (s.replica)
            fill.setAlphaF(0.55f);
        p.setPen(expired ? QPen(QColor(c.strongBorder), 1, Qt::DashLine) : QPen(Qt::NoPen));
        p.setBrush(fill);
        p.drawRoundedRect(bar, 3, 3);
        const QColor text(expired     ? c.mutedText
                          : s.replica ? c.text
                          : created   ? c.createdText
                                      : c.onColour);
        const QString words = fm.elidedText(spanText(s), Qt::ElideRight, bar.width() - 8);
        if (words.size() > 2) {
            p.setPen(text);
            p.drawText(bar.adjusted(4, 0, -4, 0), Qt::AlignLeft | Qt::AlignVCenter, words);
        }
    }
}

void KeyLifeCanvas::paintRequests(QPainter &p) const
{
    const Palette &c = Palette::of(m_dark);
    const QRectF r = laneRect(3);
    p.setFont(font());
    const QFontMetricsF fm(p.font());
    for (int i = 0; i < m_life.requests.size(); ++i) {
        const KeyRequest &q = m_life.requests[i];
        const double x0 = xForTime(double(q.sentUs));
        const double x1 = std::max(x0 + 4, xForTime(double(requestEndUs(q, m_life.endUs))));
        const double y = r.top() + r.height() * (m_requestRows[i] + 0.5) / m_requestRowCount;
        const QColor colour(q.status > 0 ? QColor(c.statusColor(q.status)) : QColor(c.request));
        p.setPen(QPen(colour, 2.5, q.receivedUs >= 0 ? Qt::SolidLine : Qt::DashLine, Qt::RoundCap));
        p.drawLine(QPointF(x0, y), QPointF(x1, y));
        p.setPen(Qt::NoPen);
        p.setBrush(colour);
        p.drawEllipse(QPointF(x0, y), 3, 3);
        if (m_requestCrowded[i])
            continue;
        const QString label = requestText(q);
        const double w = fm.horizontalAdvance(label);
        const double at = labelLeft(x0, x1, w, r.left(), r.right());
        const QRectF box(at, y - fm.height() / 2, w + 1, fm.height());
        if (at > x0 && at < x1) // on its own line: cut the line under the words
            p.fillRect(box.adjusted(-2, 0, 2, 0), QColor(c.panel));
        p.setPen(QColor(c.text));
        p.drawText(box, Qt::AlignLeft | Qt::AlignVCenter, label);
    }
}

void KeyLifeCanvas::paintCharges(QPainter &p) const
{
    const Palette &c = Palette::of(m_dark);
    const QRectF r = laneRect(4);
    for (int i = 0; i < m_life.charges.size(); ++i) {
        const KeyCharge &charge = m_life.charges[i];
        const double mid = r.top() + r.height() * (m_chargeRows[i] + 0.5) / m_chargeRowCount;
        const double size = std::min(r.height() / m_chargeRowCount * 0.3, 6.0 * m_textScale);
        const double x = xForTime(double(charge.atUs));
        QColor colour(charge.duplicate ? c.anomaly : c.consumed);
        if (charge.replica)
            colour.setAlphaF(0.55f);
        p.setPen(Qt::NoPen);
        p.setBrush(colour);
        p.drawPolygon(
            QPolygonF{{x, mid - size}, {x + size, mid}, {x, mid + size}, {x - size, mid}});
        if (m_chargeCrowded[i])
            continue;
        p.setFont(font(charge.duplicate));
        const QFontMetricsF fm(p.font());
        const QString label = chargeText(charge);
        const double w = fm.horizontalAdvance(label);
        const double at = labelLeft(x - size - 3, x + size + 3, w, r.left(), width() - 2);
        p.setPen(QColor(charge.duplicate ? c.anomalyText : charge.replica ? c.mutedText : c.text));
        p.drawText(QRectF(at, mid - fm.height() / 2, w + 1, fm.height()),
                   Qt::AlignLeft | Qt::AlignVCenter, label);
    }
}

void KeyLifeCanvas::paintAxis(QPainter &p) const
{
    const Palette &c = Palette::of(m_dark);
    const double base = m_plot.bottom();
    p.setFont(font());
    const QFontMetricsF fm(p.font());
    p.setPen(QColor(c.mutedText));
    p.drawLine(QPointF(m_plot.left(), base), QPointF(m_plot.right(), base));
    const double textY = base + 3;
    for (const TimelineAxis::Gap &g : m_axis->gaps()) {
        p.setPen(QPen(QColor(c.mutedText), 1, Qt::DotLine));
        p.drawLine(QPointF(g.x, 0), QPointF(g.x, base));
        if (!g.labelled)
            continue;
        const QString text = durationText(g.duration, DurationUnit::Gap);
        const double w = fm.horizontalAdvance(text);
        p.setPen(QColor(c.mutedText));
        p.drawText(QRectF(g.x - w / 2, textY, w + 1, fm.height()), Qt::AlignCenter, text);
    }
    for (const TimelineAxis::Tick &t : m_axis->ticks()) {
        const double w = fm.horizontalAdvance(t.text);
        p.setPen(QColor(t.major ? c.mutedText : c.border));
        p.drawLine(QPointF(t.x, base), QPointF(t.x, base + 3));
        p.setPen(QColor(t.major ? c.text : c.mutedText));
        p.drawText(QRectF(t.x - w / 2, textY, w + 1, fm.height()), Qt::AlignCenter, t.text);
    }
}

} // namespace idem
