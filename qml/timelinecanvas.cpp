#include "timelinecanvas.h"

#include "simulationcontroller.h"
#include "textreport.h"

#include <QCursor>
#include <QFontMetricsF>
#include <QHoverEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QPolygonF>
#include <QTransform>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <optional>
#include <unordered_map>
#include <unordered_set>

namespace idem {

namespace {

constexpr qint64 compressedGapUs = 40'000; ///< the controller's axis compresses longer gaps
constexpr double pickRadius = 6.0;         ///< how near the pointer must be to an arrow
constexpr double fadedAlpha = 0.3;         ///< events after the playhead
constexpr int markerSpriteSize = 16;       ///< px, holds the largest marker

double distanceToSegment(const QPointF &p, const QLineF &l)
{
    const QPointF d = l.p2() - l.p1();
    const double len2 = d.x() * d.x() + d.y() * d.y();
    double f = 0;
    if (len2 > 1e-12)
        f = std::clamp(QPointF::dotProduct(p - l.p1(), d) / len2, 0.0, 1.0);
    const QPointF q = l.p1() + f * d;
    return std::hypot(p.x() - q.x(), p.y() - q.y());
}

/// `c` at `alpha` over `background`, opaque: overlapping faded arrows do not add up, and the
/// raster engine draws opaque hairlines much faster than translucent ones.
QColor faded(const QColor &c, const QColor &background, double alpha = fadedAlpha)
{
    auto mix = [alpha](double a, double b) { return a * alpha + b * (1 - alpha); };
    return QColor::fromRgbF(float(mix(c.redF(), background.redF())),
                            float(mix(c.greenF(), background.greenF())),
                            float(mix(c.blueF(), background.blueF())));
}

/// A gap's length, three figures at most: "59.7 s", "650 ms".
QString gapText(qint64 us)
{
    if (us >= 100'000'000)
        return QStringLiteral("+%1 s").arg(double(us) / 1e6, 0, 'f', 0);
    if (us >= 1'000'000)
        return QStringLiteral("+%1 s").arg(double(us) / 1e6, 0, 'f', 1);
    return QStringLiteral("+%1 ms").arg(double(us) / 1e3, 0, 'f', 0);
}

/// 1, 2 or 5 × a power of ten, at least `v` (µs, at least 1).
qint64 niceStep(double v)
{
    if (v <= 1)
        return 1;
    const double p = std::pow(10.0, std::floor(std::log10(v)));
    const double m = v / p;
    const double f = m <= 1 ? 1 : m <= 2 ? 2 : m <= 5 ? 5 : 10;
    return qint64(std::llround(f * p));
}

} // namespace

struct TimelineCanvas::Colours
{
    QColor background;
    QColor text;
    QColor muted;
    QColor lane;
    QColor band;
    QColor playhead;
    QColor halo;
    QColor anomaly;
    QColor style[int(Style::Count)];
};

TimelineCanvas::TimelineCanvas(QQuickItem *parent) : QQuickPaintedItem(parent)
{
    setAcceptHoverEvents(true);
    setAcceptedMouseButtons(Qt::LeftButton);
    setOpaquePainting(true);
    setAntialiasing(true);
}

TimelineCanvas::~TimelineCanvas() = default;

void TimelineCanvas::setController(SimulationController *controller)
{
    if (controller == m_controller)
        return;
    if (m_controller)
        disconnect(m_controller, nullptr, this, nullptr);
    m_controller = controller;
    if (controller) {
        connect(controller, &SimulationController::runChanged, this, &TimelineCanvas::invalidate);
        connect(controller, &SimulationController::timeChanged, this, [this] { update(); });
        connect(controller, &SimulationController::highlightedEventChanged, this,
                [this] { update(); });
        connect(controller, &QObject::destroyed, this, &TimelineCanvas::invalidate);
    }
    invalidate();
    emit controllerChanged();
}

void TimelineCanvas::setDark(bool dark)
{
    if (dark == m_dark)
        return;
    m_dark = dark;
    m_layersValid = false;
    update();
    emit darkChanged();
}

void TimelineCanvas::setTextScale(qreal scale)
{
    scale = std::clamp<qreal>(scale, 0.5, 4.0);
    if (qFuzzyCompare(scale, m_textScale))
        return;
    m_textScale = scale;
    invalidate(); // the label column and the axis row change size
    emit textScaleChanged();
}

void TimelineCanvas::invalidate()
{
    m_geo.valid = false;
    m_layersValid = false;
    const RunResult *run = m_controller ? m_controller->run() : nullptr;
    const int lanes = run ? int(run->nodes.size()) : 0;
    if (lanes != m_laneCount) {
        m_laneCount = lanes;
        emit laneCountChanged();
    }
    update();
}

void TimelineCanvas::geometryChange(const QRectF &newGeometry, const QRectF &oldGeometry)
{
    QQuickPaintedItem::geometryChange(newGeometry, oldGeometry);
    if (newGeometry.size() != oldGeometry.size())
        invalidate();
}

TimelineCanvas::Colours TimelineCanvas::colours() const
{
    // The values of Theme.qml, so the canvas matches the rest of the window.
    Colours c;
    c.background = QColor(m_dark ? "#20242c" : "#ffffff");
    c.text = QColor(m_dark ? "#e8ebf0" : "#1c2430");
    c.muted = QColor(m_dark ? "#9aa3b2" : "#5b6676");
    c.lane = QColor(m_dark ? "#3a4150" : "#c5ccd6");
    c.band = QColor(m_dark ? "#2a303a" : "#f1f4f8");
    c.playhead = c.text;
    c.halo = QColor(m_dark ? "#f0e442" : "#56B4E9");
    c.halo.setAlphaF(m_dark ? 0.45f : 0.55f);
    c.anomaly = QColor("#D55E00");
    const QColor request(m_dark ? "#c9d1dc" : "#3b4656");
    c.style[int(Style::Request)] = request;
    c.style[int(Style::Status200)] = QColor("#0072B2");
    c.style[int(Style::Status201)] = QColor("#009E73");
    c.style[int(Style::Status400)] = QColor("#D55E00");
    c.style[int(Style::Status409)] = QColor("#E69F00");
    c.style[int(Style::Status422)] = QColor("#CC79A7");
    c.style[int(Style::StatusOther)] = QColor("#56B4E9");
    c.style[int(Style::Query)] = request;
    c.style[int(Style::Result)] = c.muted;
    c.style[int(Style::Replicate)] = QColor("#56B4E9");
    c.style[int(Style::Conflict)] = QColor("#CC79A7");
    return c;
}

int TimelineCanvas::labelPixelSize() const
{
    return std::max(6, int(std::lround(12 * m_textScale)));
}

QFont TimelineCanvas::labelFont() const
{
    QFont f;
    f.setPixelSize(m_geo.labelPixelSize > 0 ? m_geo.labelPixelSize : labelPixelSize());
    return f;
}

QFont TimelineCanvas::tickFont() const
{
    QFont f;
    f.setPixelSize(std::max(6, int(std::lround(11 * m_textScale))));
    return f;
}

// ----------------------------------------------------------------------------- geometry

double TimelineCanvas::labelLeft(double x, double textWidth) const
{
    // Centred under its tick, but never cut by the item's edges.
    return std::clamp(x - textWidth / 2, 2.0, std::max(2.0, width() - textWidth - 2));
}

QRectF TimelineCanvas::plotArea() const
{
    ensureGeometry();
    return m_geo.plot;
}

double TimelineCanvas::xForTime(double timeUs) const
{
    ensureGeometry();
    return axisX(m_geo, timeUs);
}

double TimelineCanvas::axisX(const Geometry &g, double timeUs) const
{
    if (!m_controller)
        return g.plot.left();
    return g.plot.left() + m_controller->axisPosition(timeUs) * g.plot.width();
}

double TimelineCanvas::laneY(int node) const
{
    ensureGeometry();
    return m_geo.laneYs.value(node, -1);
}

void TimelineCanvas::ensureGeometry() const
{
    if (!m_geo.valid)
        buildGeometry(m_geo);
}

void TimelineCanvas::buildGeometry(Geometry &g) const
{
    g = Geometry{};
    g.valid = true;
    const RunResult *run = m_controller ? m_controller->run() : nullptr;
    if (!run || run->nodes.isEmpty() || width() < 60 || height() < 40)
        return;

    const QFontMetricsF ticks(tickFont());
    const double axisHeight = ticks.height() + 10;
    const double top = 10; // room for the playhead's handle
    const double plotHeight = height() - top - axisHeight;
    g.laneSpacing = plotHeight / double(run->nodes.size());
    // Labels shrink a little before they start to skip lanes (a short panel, many lanes).
    g.labelPixelSize =
        std::clamp(int(g.laneSpacing / 1.2), std::min(9, labelPixelSize()), labelPixelSize());
    const QFontMetricsF labels(labelFont());
    double widest = 0;
    for (const Node &n : run->nodes)
        widest = std::max(widest, labels.horizontalAdvance(n.name));
    g.labelWidth = std::min(widest + 18, width() * 0.3);
    g.plot = QRectF(g.labelWidth + 6, top, width() - g.labelWidth - 6 - 16, plotHeight);
    for (int i = 0; i < run->nodes.size(); ++i)
        g.laneYs.append(g.plot.top() + (i + 0.5) * g.laneSpacing);

    // Thousands of events pile up on a few hundred pixels: a leg that lands on the pixels of
    // one already drawn in the same style adds nothing but paint time.
    std::unordered_set<quint64> seen;
    seen.reserve(size_t(run->events.size()) * 2);
    auto keyOf = [](const Segment &s) {
        auto q = [](double v, int bits) {
            return quint64(std::clamp<qint64>(std::llround(v), 0, (qint64(1) << bits) - 1));
        };
        return q(s.line.x1(), 15) | q(s.line.y1(), 13) << 15 | q(s.line.x2(), 15) << 28 |
               q(s.line.y2(), 13) << 43 | quint64(s.style) << 56 | quint64(s.head) << 61;
    };
    QVector<Segment> legs;
    g.segments.reserve(run->events.size());
    for (int i = 0; i < run->events.size(); ++i) {
        legs.clear();
        appendEvent(*run, g, i, legs, g.markers);
        for (const Segment &s : legs)
            if (seen.insert(keyOf(s)).second)
                g.segments.append(s);
    }
    // Markers too: a hundred duplicate effects at one pixel are one diamond.
    std::unordered_set<quint64> seenMarkers;
    g.markers.erase(std::remove_if(g.markers.begin(), g.markers.end(),
                                   [&](const Marker &m) {
                                       const quint64 key = quint64(std::llround(m.pos.x())) << 24 |
                                                           quint64(std::llround(m.pos.y())) << 4 |
                                                           quint64(m.kind);
                                       return !seenMarkers.insert(key).second;
                                   }),
                    g.markers.end());
    buildBars(*run, g);
    buildAxis(*run, g);
}

void TimelineCanvas::appendEvent(const RunResult &run, const Geometry &g, int index,
                                 QVector<Segment> &segments, QVector<Marker> &markers) const
{
    const Event &e = run.events[index];
    const int nodes = int(g.laneYs.size());
    const bool hasFrom = e.from >= 0 && e.from < nodes;
    const bool hasTo = e.to >= 0 && e.to < nodes;
    auto x = [&](qint64 t) { return axisX(g, double(t)); };
    auto leg = [&](int a, qint64 ta, int b, qint64 tb, Style style) {
        Segment s;
        s.line = QLineF(x(ta), g.laneYs[a], x(tb), g.laneYs[b]);
        s.event = index;
        s.style = style;
        segments.append(s);
    };
    auto statusStyle = [](int status) {
        switch (status) {
        case 0:
            return Style::Request;
        case 200:
            return Style::Status200;
        case 201:
            return Style::Status201;
        case 400:
            return Style::Status400;
        case 409:
            return Style::Status409;
        case 422:
            return Style::Status422;
        default:
            return Style::StatusOther;
        }
    };

    switch (e.type) {
    case EventType::Send: {
        if (!hasFrom || !hasTo || e.startUs < 0 || e.endUs < e.startUs)
            return;
        if (!e.lost) {
            leg(e.from, e.startUs, e.to, e.endUs, statusStyle(e.status));
            return;
        }
        // Travels half way, then is lost: the leg stops where its fault event puts a ✕.
        const qint64 mid = e.startUs + (e.endUs - e.startUs) / 2;
        Segment s;
        s.line =
            QLineF(x(e.startUs), g.laneYs[e.from], x(mid), (g.laneYs[e.from] + g.laneYs[e.to]) / 2);
        s.event = index;
        s.style = statusStyle(e.status);
        s.head = false;
        segments.append(s);
        return;
    }
    case EventType::DbRead:
    case EventType::DbWrite:
    case EventType::CacheOp:
        if (!hasFrom || !hasTo || e.startUs < 0 || e.endUs < e.t)
            return;
        leg(e.from, e.startUs, e.to, e.t, Style::Query);
        leg(e.to, e.t, e.from, e.endUs, Style::Result);
        return;
    case EventType::Replicate:
    case EventType::Conflict:
        if (!hasFrom || !hasTo || e.startUs < 0)
            return;
        leg(e.from, e.startUs, e.to, e.t,
            e.type == EventType::Replicate ? Style::Replicate : Style::Conflict);
        return;
    case EventType::Anomaly: {
        const int lane = hasFrom ? e.from : hasTo ? e.to : -1;
        if (lane >= 0)
            markers.append({QPointF(x(e.t), g.laneYs[lane]), e.t, index, MarkerKind::Anomaly});
        return;
    }
    case EventType::Timeout:
        if (hasFrom)
            markers.append({QPointF(x(e.t), g.laneYs[e.from]), e.t, index, MarkerKind::Timeout});
        return;
    case EventType::Fault:
        if (hasFrom && hasTo && e.startUs >= 0) // a message lost half way
            markers.append({QPointF(x(e.t), (g.laneYs[e.from] + g.laneYs[e.to]) / 2), e.t, index,
                            MarkerKind::Fault});
        else if (hasFrom)
            markers.append({QPointF(x(e.t), g.laneYs[e.from]), e.t, index, MarkerKind::Fault});
        return;
    default:
        return;
    }
}

void TimelineCanvas::buildBars(const RunResult &run, Geometry &g) const
{
    auto x = [&](qint64 t) { return axisX(g, double(t)); };
    struct Open
    {
        int event;
        qint64 t;
    };
    // Keyed by (kind, server node, request): each request holds one of each at most.
    std::unordered_map<quint64, Open> open;
    auto keyOf = [](BarKind kind, int node, int request) {
        return quint64(kind) << 56 | quint64(quint32(node)) << 24 | quint64(quint32(request));
    };
    auto close = [&](BarKind kind, const Event &e, qint64 t) {
        const auto it = open.find(keyOf(kind, e.from, e.request));
        if (it == open.end())
            return;
        const Event &start = run.events[it->second.event];
        g.bars.append({x(it->second.t), x(t), g.laneYs[start.from], it->second.event, kind});
        open.erase(it);
    };
    for (int i = 0; i < run.events.size(); ++i) {
        const Event &e = run.events[i];
        if (e.from < 0 || e.from >= g.laneYs.size() || e.request < 0)
            continue;
        switch (e.type) {
        case EventType::OpStart:
            open[keyOf(BarKind::Operation, e.from, e.request)] = {i, e.t};
            break;
        case EventType::OpEnd:
            close(BarKind::Operation, e, e.t);
            break;
        case EventType::LockWait:
            open[keyOf(BarKind::LockWait, e.from, e.request)] = {i, e.t};
            break;
        case EventType::LockAcquire:
            close(BarKind::LockWait, e, e.t);
            open[keyOf(BarKind::LockHeld, e.from, e.request)] = {i, e.t};
            break;
        case EventType::LockRelease:
            close(BarKind::LockHeld, e, e.t);
            break;
        default:
            break;
        }
    }
    // Whatever is still open (a crash, the end of the run) runs to the end.
    for (const auto &[key, o] : open) {
        const Event &start = run.events[o.event];
        g.bars.append({x(o.t), x(run.endUs), g.laneYs[start.from], o.event, BarKind(key >> 56)});
    }
}

void TimelineCanvas::buildAxis(const RunResult &run, Geometry &g) const
{
    QVector<qint64> times{0};
    for (const Event &e : run.events)
        if (e.t > times.last())
            times.append(e.t);
    if (run.endUs > times.last())
        times.append(run.endUs);

    auto x = [&](qint64 t) { return axisX(g, double(t)); };
    // Stretches of real (uncompressed) time between the compressed gaps.
    struct Stretch
    {
        qint64 a;
        qint64 b;
    };
    QVector<Stretch> stretches{{times.first(), times.first()}};
    double compressedUs = 0;
    for (int i = 1; i < times.size(); ++i) {
        const qint64 gap = times[i] - times[i - 1];
        compressedUs += double(std::min(gap, compressedGapUs));
        if (gap > compressedGapUs) {
            g.gaps.append({(x(times[i - 1]) + x(times[i])) / 2, gap});
            stretches.append({times[i], times[i]});
        } else {
            stretches.last().b = times[i];
        }
    }
    if (compressedUs <= 0)
        return;
    const double pxPerUs = g.plot.width() / compressedUs;
    const QFontMetricsF fm(tickFont());
    const qint64 step = niceStep(fm.horizontalAdvance(QStringLiteral("000.00 ms")) * 1.6 / pxPerUs);

    // Labels by priority; one that would overlap a label already placed is left out.
    QVector<QRectF> taken;
    auto place = [&](double at, const QString &text, bool major) {
        const double w = fm.horizontalAdvance(text);
        const QRectF r(labelLeft(at, w) - 4, 0, w + 8, 1);
        for (const QRectF &t : taken)
            if (t.intersects(r))
                return;
        taken.append(r);
        g.ticks.append({at, text, major});
    };
    for (const Gap &gap : g.gaps)
        taken.append(QRectF(gap.x - fm.horizontalAdvance(gapText(gap.duration)) / 2 - 4, 0,
                            fm.horizontalAdvance(gapText(gap.duration)) + 8, 1));
    for (int i = 1; i < stretches.size(); ++i)
        place(x(stretches[i].a), TextReport::duration(stretches[i].a), true);
    for (const Stretch &s : stretches)
        for (qint64 t = (s.a + step - 1) / step * step; t <= s.b; t += step)
            place(x(t), TextReport::duration(t), false);
}

// ----------------------------------------------------------------------------- picking

int TimelineCanvas::eventAt(QPointF point) const
{
    ensureGeometry();
    int best = -1;
    double bestDistance = pickRadius;
    auto consider = [&](double d, int event) {
        if (d < bestDistance) {
            bestDistance = d;
            best = event;
        }
    };
    for (const Marker &m : m_geo.markers) // markers are small targets: a little bonus
        consider(std::hypot(point.x() - m.pos.x(), point.y() - m.pos.y()) - 2, m.event);
    for (const Segment &s : m_geo.segments)
        consider(distanceToSegment(point, s.line), s.event);
    for (const Bar &b : m_geo.bars) // behind the arrows that end on the same lane
        consider(distanceToSegment(point, QLineF(b.x0, b.y, b.x1, b.y)) + 3, b.event);
    return best;
}

QPointF TimelineCanvas::eventAnchor(int event) const
{
    ensureGeometry();
    const RunResult *run = m_controller ? m_controller->run() : nullptr;
    if (!run || event < 0 || event >= run->events.size() || m_geo.laneYs.isEmpty())
        return {};
    QVector<Segment> legs;
    QVector<Marker> markers;
    appendEvent(*run, m_geo, event, legs, markers);
    if (!legs.isEmpty())
        return legs.first().line.center();
    if (!markers.isEmpty())
        return markers.first().pos;
    for (const Bar &b : m_geo.bars)
        if (b.event == event)
            return QPointF((b.x0 + b.x1) / 2, b.y);
    return {};
}

void TimelineCanvas::mousePressEvent(QMouseEvent *event)
{
    if (!m_controller || event->button() != Qt::LeftButton) {
        event->ignore();
        return;
    }
    const int hit = eventAt(event->position());
    if (hit >= 0) {
        m_controller->seekToEvent(hit);
        event->accept();
        return;
    }
    // Anywhere else over the lanes or the axis scrubs the playhead.
    const QRectF plot = plotArea();
    if (plot.width() > 0 && event->position().x() >= plot.left() - 4 &&
        event->position().x() <= plot.right() + 4) {
        m_scrubbing = true;
        m_controller->seek(
            m_controller->axisTime((event->position().x() - plot.left()) / plot.width()));
        event->accept();
        return;
    }
    event->ignore();
}

void TimelineCanvas::mouseMoveEvent(QMouseEvent *event)
{
    const QRectF plot = plotArea();
    if (!m_scrubbing || !m_controller || plot.width() <= 0)
        return;
    m_controller->seek(
        m_controller->axisTime((event->position().x() - plot.left()) / plot.width()));
}

void TimelineCanvas::mouseReleaseEvent(QMouseEvent *)
{
    m_scrubbing = false;
}

void TimelineCanvas::mouseUngrabEvent()
{
    m_scrubbing = false;
}

void TimelineCanvas::hoverMoveEvent(QHoverEvent *event)
{
    if (!m_controller)
        return;
    const int hit = eventAt(event->position());
    setCursor(QCursor(hit >= 0 ? Qt::PointingHandCursor : Qt::ArrowCursor));
    m_controller->setHighlightedEvent(hit);
}

void TimelineCanvas::hoverLeaveEvent(QHoverEvent *)
{
    unsetCursor();
    if (m_controller)
        m_controller->setHighlightedEvent(-1);
}

// ----------------------------------------------------------------------------- painting

void TimelineCanvas::paint(QPainter *p)
{
    const Colours c = colours();
    ensureGeometry();
    if (m_geo.laneYs.isEmpty()) {
        p->fillRect(QRectF(0, 0, width(), height()), c.background);
        return;
    }
    ensureLayers(c, p->deviceTransform().m11());
    const qint64 now = qint64(m_controller->timeUs());
    // A pixel of slack so an arrow that starts right at the playhead is not cut lengthwise.
    const double split = std::clamp(std::round(xForTime(double(now))) + 1, 0.0, width());
    p->save();
    p->setClipRect(QRectF(0, 0, split, height()));
    p->drawImage(QPointF(0, 0), m_played);
    p->setClipRect(QRectF(split, 0, width() - split, height()));
    p->drawImage(QPointF(0, 0), m_unplayed);
    p->restore();
    p->setRenderHint(QPainter::Antialiasing, true);
    p->setRenderHint(QPainter::TextAntialiasing, true);
    drawMarkers(p, now);
    drawPlayhead(p, c, now);
    drawHighlight(p, c);
}

void TimelineCanvas::ensureLayers(const Colours &c, qreal scale) const
{
    scale = std::max<qreal>(scale, 1.0);
    const QSize size(int(std::ceil(width() * scale)), int(std::ceil(height() * scale)));
    if (m_layersValid && m_played.size() == size &&
        qFuzzyCompare(m_played.devicePixelRatio(), scale))
        return;
    QImage base(size, QImage::Format_ARGB32_Premultiplied);
    base.setDevicePixelRatio(scale);
    base.fill(c.background);
    {
        QPainter p(&base);
        p.setRenderHint(QPainter::Antialiasing, true);
        p.setRenderHint(QPainter::TextAntialiasing, true);
        drawLanes(&p, c);
        drawGaps(&p, c);
        drawTicks(&p, c);
    }
    m_played = base;
    m_unplayed = base;
    for (const bool played : {true, false}) {
        QPainter p(played ? &m_played : &m_unplayed); // detaches from `base`
        p.setRenderHint(QPainter::Antialiasing, true);
        drawBars(&p, c, played);
        drawSegments(&p, c, played);
        drawMessageLabels(&p, c, played);
    }
    for (int kind = 0; kind < markerKinds; ++kind) {
        for (const bool played : {false, true}) {
            QImage &sprite = m_sprites[kind][played ? 1 : 0];
            sprite = QImage(QSize(int(std::ceil(markerSpriteSize * scale)),
                                  int(std::ceil(markerSpriteSize * scale))),
                            QImage::Format_ARGB32_Premultiplied);
            sprite.setDevicePixelRatio(scale);
            sprite.fill(Qt::transparent);
            QPainter p(&sprite);
            p.setRenderHint(QPainter::Antialiasing, true);
            drawMarker(&p, c, MarkerKind(kind),
                       QPointF(markerSpriteSize / 2.0, markerSpriteSize / 2.0), played);
        }
    }
    m_layersValid = true;
}

void TimelineCanvas::drawLanes(QPainter *p, const Colours &c) const
{
    const RunResult &run = *m_controller->run();
    const Geometry &g = m_geo;
    const double half = g.laneSpacing / 2;
    // The clusters' lanes sit on a faint band, so "A" and "B" read as groups.
    for (int i = 0; i < run.nodes.size(); ++i)
        if (run.nodes[i].cluster >= 0)
            p->fillRect(QRectF(0, g.laneYs[i] - half, width(), g.laneSpacing), c.band);

    p->setPen(QPen(c.lane, 1));
    QVector<QLineF> lines;
    for (double y : g.laneYs)
        lines.append(QLineF(g.plot.left(), y, g.plot.right(), y));
    p->drawLines(lines);

    // With more lanes than labels fit, the stores, router and servers keep theirs first.
    QFont font = labelFont();
    const QFontMetricsF fm(font);
    QVector<int> order(run.nodes.size());
    std::iota(order.begin(), order.end(), 0);
    auto rank = [&](int i) {
        switch (run.nodes[i].kind) {
        case NodeKind::Database:
        case NodeKind::Cache:
            return 0;
        case NodeKind::Router:
            return 1;
        case NodeKind::Server:
            return 2;
        default:
            return 3;
        }
    };
    std::stable_sort(order.begin(), order.end(), [&](int a, int b) { return rank(a) < rank(b); });
    QVector<double> placed;
    for (int i : order) {
        const double y = g.laneYs[i];
        if (std::any_of(placed.cbegin(), placed.cend(),
                        [&](double other) { return std::abs(other - y) < fm.height() * 0.9; }))
            continue;
        placed.append(y);
        const Node &n = run.nodes[i];
        const bool store = n.kind == NodeKind::Database || n.kind == NodeKind::Cache;
        font.setBold(store);
        p->setFont(font);
        p->setPen(store ? c.text : c.muted);
        const QRectF box(8, y - fm.height() / 2, g.labelWidth - 8, fm.height());
        p->drawText(box, Qt::AlignLeft | Qt::AlignVCenter,
                    fm.elidedText(n.name, Qt::ElideRight, box.width()));
    }
}

void TimelineCanvas::drawGaps(QPainter *p, const Colours &c) const
{
    const Geometry &g = m_geo;
    const double baseline = g.plot.bottom() + 2;
    const QPen dotted(faded(c.muted, c.background, 0.7), 1, Qt::DotLine);
    for (const Gap &gap : g.gaps) {
        // A broken axis: the lanes pause at a dotted line, the axis at a double zig-zag.
        p->setPen(dotted);
        p->drawLine(QPointF(gap.x, g.plot.top()), QPointF(gap.x, g.plot.bottom()));
        p->fillRect(QRectF(gap.x - 5, baseline - 5, 10, 10), c.background);
        p->setPen(QPen(c.muted, 1.2));
        for (double dx : {-2.5, 2.5}) {
            const QPointF zig[] = {{gap.x + dx - 2, baseline + 5},
                                   {gap.x + dx + 1, baseline + 1},
                                   {gap.x + dx - 1, baseline - 1},
                                   {gap.x + dx + 2, baseline - 5}};
            p->drawPolyline(zig, 4);
        }
    }
}

void TimelineCanvas::drawTicks(QPainter *p, const Colours &c) const
{
    const Geometry &g = m_geo;
    const double baseline = g.plot.bottom() + 2;
    const QFont font = tickFont();
    const QFontMetricsF fm(font);
    p->setFont(font);
    p->setPen(QPen(c.lane, 1));
    p->drawLine(QPointF(g.plot.left(), baseline), QPointF(g.plot.right(), baseline));
    const double textTop = baseline + 4;
    for (const Tick &t : g.ticks) {
        p->setPen(QPen(t.major ? c.muted : c.lane, 1));
        p->drawLine(QPointF(t.x, baseline), QPointF(t.x, baseline + 3));
        p->setPen(t.major ? c.text : c.muted);
        const double w = fm.horizontalAdvance(t.text);
        p->drawText(QRectF(labelLeft(t.x, w) - 2, textTop, w + 4, fm.height()), Qt::AlignCenter,
                    t.text);
    }
    p->setPen(c.muted);
    for (const Gap &gap : g.gaps) {
        const QString text = gapText(gap.duration);
        const double w = fm.horizontalAdvance(text);
        p->drawText(QRectF(gap.x - w / 2 - 2, textTop, w + 4, fm.height()), Qt::AlignCenter, text);
    }
}

void TimelineCanvas::drawBars(QPainter *p, const Colours &c, bool played) const
{
    const Geometry &g = m_geo;
    const double opHalf = std::clamp(g.laneSpacing * 0.18, 1.5, 4.0);
    QColor op = c.style[int(Style::Request)];
    op.setAlphaF(played ? 0.3f : 0.1f);
    const QColor lock = played ? c.style[int(Style::Status409)]
                               : faded(c.style[int(Style::Status409)], c.background);
    for (const Bar &b : g.bars) {
        if (b.kind == BarKind::Operation) {
            p->fillRect(QRectF(b.x0, b.y - opHalf, b.x1 - b.x0, 2 * opHalf), op);
            continue;
        }
        // Locks: a thin line just above the lane; dotted while waiting.
        const double y = b.y - opHalf - 2;
        p->setPen(
            QPen(lock, 2, b.kind == BarKind::LockWait ? Qt::DotLine : Qt::SolidLine, Qt::FlatCap));
        p->drawLine(QPointF(b.x0, y), QPointF(b.x1, y));
    }
}

void TimelineCanvas::drawSegments(QPainter *p, const Colours &c, bool played) const
{
    // Runs of thousands of messages are drawn with hairlines: the raster engine's fast path,
    // and finer than 1.6 px strokes where arrows crowd anyway.
    const bool dense = m_geo.segments.size() > 1500;
    struct Batch
    {
        QVector<QLineF> lines;
        QVector<QLineF> openHeads;
        QVector<QPointF> solidHeads; ///< three points each
    };
    Batch batches[int(Style::Count)];
    for (const Segment &s : m_geo.segments) {
        Batch &b = batches[int(s.style)];
        b.lines.append(s.line);
        const double len = s.line.length();
        if (!s.head || len < (dense ? 10 : 6))
            continue;
        const QPointF d = (s.line.p2() - s.line.p1()) / len;
        const QPointF n(-d.y(), d.x());
        const double l = std::min(dense ? 5.0 : 7.0, len * 0.45);
        const QPointF base = s.line.p2() - d * l;
        const QPointF left = base + n * l * 0.45;
        const QPointF right = base - n * l * 0.45;
        if (s.style == Style::Request || s.style == Style::Query) { // requests: solid heads
            b.solidHeads.append({s.line.p2(), left, right});
        } else { // replies: open heads
            b.openHeads.append(QLineF(left, s.line.p2()));
            b.openHeads.append(QLineF(right, s.line.p2()));
        }
    }
    for (int i = 0; i < int(Style::Count); ++i) {
        const Batch &b = batches[i];
        const auto style = Style(i);
        const QColor colour = played ? c.style[i] : faded(c.style[i], c.background);
        const bool thin = dense || style == Style::Query || style == Style::Result ||
                          style == Style::Replicate || style == Style::Conflict;
        QPen pen(colour, thin ? 1.0 : 1.6, Qt::SolidLine, Qt::FlatCap, Qt::MiterJoin);
        switch (style) {
        case Style::Request:
        case Style::Query:
            break;
        case Style::Replicate:
            pen.setDashPattern({7, 3, 2, 3});
            break;
        case Style::Conflict:
            pen.setDashPattern({2, 3});
            break;
        default: // replies
            pen.setDashPattern(thin ? QVector<qreal>{5, 3} : QVector<qreal>{4, 2.5});
            break;
        }
        p->setPen(pen);
        p->drawLines(b.lines);
        p->setPen(QPen(colour, 1.0));
        p->drawLines(b.openHeads);
        p->setPen(Qt::NoPen);
        p->setBrush(colour);
        for (int h = 0; h + 2 < b.solidHeads.size(); h += 3)
            p->drawConvexPolygon(&b.solidHeads[h], 3);
        p->setBrush(Qt::NoBrush);
    }
}

void TimelineCanvas::drawMessageLabels(QPainter *p, const Colours &c, bool played) const
{
    // A sequence diagram names its messages: "POST K1" along the arrow, where there is room.
    if (m_geo.segments.size() > 400)
        return;
    const RunResult &run = *m_controller->run();
    const QFont font = tickFont();
    const QFontMetricsF fm(font);
    p->setFont(font);
    QVector<QPolygonF> taken;
    for (const Segment &s : m_geo.segments) {
        const Event &e = run.events[s.event];
        if (e.type != EventType::Send || e.label.isEmpty())
            continue;
        const double w = fm.horizontalAdvance(e.label);
        const double len = s.line.length();
        if (len < w + 24)
            continue;
        const double radians = std::atan2(s.line.dy(), s.line.dx());
        if (std::abs(radians) > 0.6) // steep arrows have no room beside them
            continue;
        // Where: above the middle of the arrow, else nearer one end, else below; the first
        // place free of the labels already drawn.
        const double h = fm.height();
        const QPointF normal(std::sin(radians), -std::cos(radians)); // "above" the arrow
        std::optional<QPointF> at;
        for (const double f : {0.5, 0.3, 0.7, -0.5, -0.3, -0.7}) {
            const double side = f > 0 ? 1 : -1;
            const QPointF centre = s.line.pointAt(std::abs(f)) + side * normal * (h / 2 + 1);
            const QPolygonF bounds = QTransform()
                                         .translate(centre.x(), centre.y())
                                         .rotateRadians(radians)
                                         .map(QPolygonF(QRectF(-w / 2 - 2, -h / 2, w + 4, h)));
            if (std::none_of(taken.cbegin(), taken.cend(),
                             [&](const QPolygonF &r) { return r.intersects(bounds); })) {
                taken.append(bounds);
                at = centre;
                break;
            }
        }
        if (!at)
            continue;
        p->save();
        p->translate(*at);
        p->rotate(radians * 180 / M_PI);
        p->setPen(played ? c.style[int(s.style)] : faded(c.style[int(s.style)], c.background));
        p->drawText(QRectF(-w / 2 - 2, -h / 2, w + 4, h), Qt::AlignCenter, e.label);
        p->restore();
    }
}

void TimelineCanvas::drawMarker(QPainter *p, const Colours &c, MarkerKind kind, QPointF at,
                                bool played) const
{
    const QColor colour = played ? c.anomaly : faded(c.anomaly, c.background, 0.35);
    switch (kind) {
    case MarkerKind::Anomaly: {
        const double r = 6;
        const QPointF d[] = {at + QPointF(0, -r), at + QPointF(r, 0), at + QPointF(0, r),
                             at + QPointF(-r, 0)};
        p->setPen(QPen(c.background, 1.5));
        p->setBrush(colour);
        p->drawConvexPolygon(d, 4);
        p->setBrush(Qt::NoBrush);
        break;
    }
    case MarkerKind::Timeout: // a small clock
        p->setPen(QPen(colour, 1.6));
        p->setBrush(c.background);
        p->drawEllipse(at, 4.5, 4.5);
        p->setBrush(Qt::NoBrush);
        p->drawLine(at, at + QPointF(0, -3));
        p->drawLine(at, at + QPointF(2.5, 0));
        break;
    case MarkerKind::Fault:
        p->setPen(QPen(colour, 2.2, Qt::SolidLine, Qt::RoundCap));
        p->drawLine(at + QPointF(-4, -4), at + QPointF(4, 4));
        p->drawLine(at + QPointF(-4, 4), at + QPointF(4, -4));
        break;
    }
}

void TimelineCanvas::drawMarkers(QPainter *p, qint64 now) const
{
    // Markers are not in the layers: one at the playhead must show whole, played or not.
    const double half = markerSpriteSize / 2.0;
    for (const Marker &m : m_geo.markers)
        p->drawImage(m.pos - QPointF(half, half), m_sprites[int(m.kind)][m.t <= now ? 1 : 0]);
}

void TimelineCanvas::drawPlayhead(QPainter *p, const Colours &c, qint64 now) const
{
    const Geometry &g = m_geo;
    const double baseline = g.plot.bottom() + 2;
    const double x = xForTime(double(now));
    p->setPen(QPen(c.playhead, 1.5));
    p->drawLine(QPointF(x, g.plot.top() - 2), QPointF(x, baseline + 2));
    const QPointF tri[] = {
        {x - 4.5, g.plot.top() - 7}, {x + 4.5, g.plot.top() - 7}, {x, g.plot.top() - 1}};
    p->setPen(Qt::NoPen);
    p->setBrush(c.playhead);
    p->drawPolygon(tri, 3);

    // Its time in a pill over the tick labels.
    const QFont font = tickFont();
    const QFontMetricsF fm(font);
    const QString text = TextReport::duration(now);
    const double w = fm.horizontalAdvance(text) + 12;
    const double left = std::clamp(x - w / 2, 0.0, std::max(0.0, width() - w));
    const QRectF pill(left, baseline + 3, w, fm.height() + 2);
    p->drawRoundedRect(pill, pill.height() / 2, pill.height() / 2);
    p->setBrush(Qt::NoBrush);
    p->setFont(font);
    p->setPen(c.background);
    p->drawText(pill, Qt::AlignCenter, text);
}

void TimelineCanvas::drawHighlight(QPainter *p, const Colours &c) const
{
    const RunResult &run = *m_controller->run();
    const int event = m_controller->highlightedEvent();
    if (event < 0 || event >= run.events.size())
        return;
    QVector<Segment> legs;
    QVector<Marker> markers;
    appendEvent(run, m_geo, event, legs, markers);
    QPointF anchor;
    bool anchored = false;
    auto anchorAt = [&](QPointF at) {
        if (!anchored)
            anchor = at;
        anchored = true;
    };
    for (const Segment &s : legs) {
        p->setPen(QPen(c.halo, 8, Qt::SolidLine, Qt::RoundCap));
        p->drawLine(s.line);
        p->setPen(QPen(c.style[int(s.style)], 3, Qt::SolidLine, Qt::RoundCap));
        p->drawLine(s.line);
        anchorAt(s.line.center());
    }
    for (const Marker &m : markers) {
        p->setPen(Qt::NoPen);
        p->setBrush(c.halo);
        p->drawEllipse(m.pos, 10, 10);
        p->setBrush(Qt::NoBrush);
        anchorAt(m.pos);
    }
    for (const Marker &m : markers) // back on top of the halo
        drawMarker(p, c, m.kind, m.pos, m.t <= qint64(m_controller->timeUs()));
    for (const Bar &b : m_geo.bars) {
        if (b.event != event)
            continue;
        p->setPen(QPen(c.halo, 8, Qt::SolidLine, Qt::RoundCap));
        p->drawLine(QPointF(b.x0, b.y), QPointF(b.x1, b.y));
        anchorAt(QPointF((b.x0 + b.x1) / 2, b.y));
    }
    if (!anchored)
        return;

    // What it is, in the event's own words, in a box beside it.
    const Event &e = run.events[event];
    const QFont font = tickFont();
    const QFontMetricsF fm(font);
    const QString text =
        fm.elidedText(TextReport::duration(e.t) + QStringLiteral(" · ") + e.caption, Qt::ElideRight,
                      std::max(60.0, width() - 28));
    const double w = fm.horizontalAdvance(text) + 12;
    const double h = fm.height() + 6;
    double top = anchor.y() - h - 10;
    if (top < 2)
        top = anchor.y() + 10;
    const double left = std::clamp(anchor.x() - w / 2, 4.0, std::max(4.0, width() - w - 4));
    const QRectF box(left, top, w, h);
    p->setFont(font);
    p->setPen(QPen(c.lane, 1));
    p->setBrush(c.background);
    p->drawRoundedRect(box, 4, 4);
    p->setBrush(Qt::NoBrush);
    p->setPen(c.text);
    p->drawText(box, Qt::AlignCenter, text);
}

} // namespace idem
