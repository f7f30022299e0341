#pragma once

#include <QFont>
#include <QImage>
#include <QLineF>
#include <QPointer>
#include <QQuickPaintedItem>
#include <QVector>
#include <QtQml/qqmlregistration.h>

#include "timeline/timelineaxis.h"

#include <optional>

namespace idem {

class Playback;
struct RunResult;

/// The lane timeline: one lane per node, every message of the playback's run as an arrow
/// between lanes on the compressed time axis, the playhead, and the event under the pointer.
class TimelineCanvas : public QQuickPaintedItem
{
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(idem::Playback *playback READ playback WRITE setPlayback NOTIFY playbackChanged)
    Q_PROPERTY(bool dark READ dark WRITE setDark NOTIFY darkChanged)
    Q_PROPERTY(qreal textScale READ textScale WRITE setTextScale NOTIFY textScaleChanged)
    Q_PROPERTY(int laneCount READ laneCount NOTIFY laneCountChanged)
    /// The axis goes on past the run's end (the editor is open): one more stretch, as long as
    /// the run and at least a second, drawn as a gap, where a request can be dragged to.
    Q_PROPERTY(bool roomAfterEnd READ roomAfterEnd WRITE setRoomAfterEnd NOTIFY roomAfterEndChanged)
    /// A moment marked across the lanes with a ◆ (Compare: where two runs first differ);
    /// below 0 for none.
    Q_PROPERTY(double markUs READ markUs WRITE setMarkUs NOTIFY markUsChanged)
    /// The nodes that get a lane, by index (Compare leaves out the lanes neither run uses when
    /// all of them do not fit); empty: every node. laneCount counts the lanes drawn.
    Q_PROPERTY(QList<int> lanes READ lanes WRITE setLanes NOTIFY lanesChanged)
    /// Counts layouts: whatever reads xForTime() or laneY() from QML binds to it to follow a
    /// new run, size or text scale.
    Q_PROPERTY(int layoutRevision READ layoutRevision NOTIFY layoutChanged)

public:
    explicit TimelineCanvas(QQuickItem *parent = nullptr);
    ~TimelineCanvas() override;

    void paint(QPainter *painter) override;

    Playback *playback() const { return m_playback; }
    void setPlayback(Playback *playback);
    bool dark() const { return m_dark; }
    void setDark(bool dark);
    qreal textScale() const { return m_textScale; }
    void setTextScale(qreal scale);
    int laneCount() const { return m_laneCount; }
    bool roomAfterEnd() const { return m_roomAfterEnd; }
    void setRoomAfterEnd(bool room);
    double markUs() const { return m_markUs; }
    void setMarkUs(double markUs);
    QList<int> lanes() const { return m_lanes; }
    void setLanes(const QList<int> &lanes);
    int layoutRevision() const { return m_layoutRevision; }

    /// The event whose arrow or marker is nearest `point` (within ~6 px), or -1.
    [[nodiscard]] Q_INVOKABLE int eventAt(QPointF point) const;
    /// A point on the drawing of `event` (the middle of its first leg, or its marker);
    /// null if the event is not drawn.
    [[nodiscard]] Q_INVOKABLE QPointF eventAnchor(int event) const;
    /// The mark `event` puts on a lane: "anomaly", "timeout", "fault" (✕), "takeover",
    /// "fenced", "reaped", "recovery" (▲, back up), or "" for none.
    [[nodiscard]] QString markOf(int event) const;
    /// The x of virtual time `timeUs` on the compressed axis.
    [[nodiscard]] Q_INVOKABLE double xForTime(double timeUs) const;
    /// The virtual time at `x` on the compressed axis (the inverse of xForTime()).
    [[nodiscard]] Q_INVOKABLE double timeForX(double x) const;
    /// Keeps the axis as it is now for dragTimeForX(), while the runs of a drag change the
    /// one drawn: the time under the pointer is the one it was over when the drag began.
    Q_INVOKABLE void beginDrag();
    /// The time at `x` on the axis beginDrag() kept, and past its end at the rate of its last
    /// stretch (so a request can be dragged beyond the room after the end; whoever moves it
    /// clamps it to what a scenario allows).
    [[nodiscard]] Q_INVOKABLE double dragTimeForX(double x) const;
    /// The y of node `node`'s lane.
    [[nodiscard]] Q_INVOKABLE double laneY(int node) const;
    /// Where arrows are drawn: right of the lane labels, above the time axis.
    [[nodiscard]] QRectF plotArea() const;

signals:
    void playbackChanged();
    void darkChanged();
    void textScaleChanged();
    void laneCountChanged();
    void roomAfterEndChanged();
    void markUsChanged();
    void lanesChanged();
    void layoutChanged();

protected:
    void geometryChange(const QRectF &newGeometry, const QRectF &oldGeometry) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void mouseUngrabEvent() override;
    void hoverMoveEvent(QHoverEvent *event) override;
    void hoverLeaveEvent(QHoverEvent *event) override;

private:
    /// How a leg is drawn; also its index into the colour table.
    enum class Style : quint8
    {
        Request,
        Status200,
        Status201,
        Status400,
        Status409,
        Status422,
        StatusOther,
        Query,
        Result,
        Replicate,
        Conflict,
        Count,
    };

    /// One straight leg of a message, in pixels. Played or not is a matter of x: it is drawn
    /// in both layers, and the playhead's x picks which one shows.
    struct Segment
    {
        QLineF line;
        int event = -1;
        Style style = Style::Request;
        bool head = true; ///< arrow head at p2 (a lost message has none)
    };

    enum class MarkerKind : quint8
    {
        Anomaly,
        Timeout,
        Fault,    ///< a ✕: where a message was lost, or on the faulty node's lane
        TakeOver, ///< ⟳ on the DB lane: a claim taken over after its lease
        Fenced,   ///< ⊘ on the DB lane: a write by a stale generation refused
        Reaped,   ///< ⌛ on the DB lane: the reaper deleted a key at the end of its TTL
        Recovery, ///< ▲ in green: back up (a server restarted, the cache back, a link healed)
    };

    /// Drawn over the layers each frame, so one at the playhead shows whole.
    struct Marker
    {
        QPointF pos;
        qint64 t = 0;
        int event = -1;
        MarkerKind kind = MarkerKind::Anomaly;
    };

    enum class BarKind : quint8
    {
        Operation, ///< op-start → op-end: the side effect in progress
        LockHeld,
        LockWait,
    };

    /// A span of activity on one lane.
    struct Bar
    {
        double x0 = 0;
        double x1 = 0;
        double y = 0;
        int event = -1;
        BarKind kind = BarKind::Operation;
    };

    using Tick = TimelineAxis::Tick;
    using Gap = TimelineAxis::Gap;
    /// Everything that depends on the run and the size only; rebuilt lazily.
    struct Geometry
    {
        bool valid = false;
        QRectF plot;
        double labelWidth = 0;
        int labelPixelSize = 0;
        double laneSpacing = 0;
        QVector<double> laneYs;  ///< by node; a node without a lane: its neighbour's y
        QVector<bool> laneDrawn; ///< by node
        QVector<Segment> segments;
        QVector<Marker> markers;
        QVector<Bar> bars;
        std::optional<TimelineAxis> axis; ///< the playback's axis, on the plot's pixels
    };
    struct Colours;

    void invalidate();
    void ensureGeometry() const;
    [[nodiscard]] double axisX(const Geometry &g, double timeUs) const;
    void buildGeometry(Geometry &g) const;
    /// For each node of `run`, whether it gets a lane (lanes()).
    [[nodiscard]] QVector<bool> drawnLanes(const RunResult &run) const;
    /// The legs and markers `event` is drawn with; false if it is not on the canvas.
    bool drawingOf(int event, QVector<Segment> &legs, QVector<Marker> &markers) const;
    void appendEvent(const RunResult &run, const Geometry &g, int index, QVector<Segment> &segments,
                     QVector<Marker> &markers) const;
    void buildBars(const RunResult &run, Geometry &g) const;
    [[nodiscard]] Colours colours() const;
    [[nodiscard]] int labelPixelSize() const; ///< as the text scale asks
    [[nodiscard]] double labelLeft(double x, double textWidth) const;
    [[nodiscard]] QFont labelFont() const;
    [[nodiscard]] QFont tickFont() const;

    /// The static picture of the run, twice: as it looks once played and before it is played.
    /// A frame shows the first left of the playhead and the second right of it; since time
    /// only grows left to right, that is exactly "events after the playhead are faded".
    void ensureLayers(const Colours &c, qreal scale) const;
    void drawLanes(QPainter *p, const Colours &c) const;
    void drawGaps(QPainter *p, const Colours &c) const;
    void drawTicks(QPainter *p, const Colours &c) const;
    void drawBars(QPainter *p, const Colours &c, bool played) const;
    void drawSegments(QPainter *p, const Colours &c, bool played) const;
    void drawMessageLabels(QPainter *p, const Colours &c, bool played) const;
    void drawMarker(QPainter *p, const Colours &c, MarkerKind kind, QPointF at, bool played) const;
    /// ⟳ takeover, ⊘ fenced write, ⌛ reap (timelinecanvasmarks.cpp).
    void drawLeaseMarker(QPainter *p, const Colours &c, MarkerKind kind, QPointF at,
                         bool played) const;
    void drawMarkers(QPainter *p, qint64 now) const;
    void drawPlayhead(QPainter *p, const Colours &c, qint64 now) const;
    void drawMark(QPainter *p, const Colours &c) const;
    void drawHighlight(QPainter *p, const Colours &c) const;

    QPointer<Playback> m_playback;
    bool m_dark = false;
    qreal m_textScale = 1.0;
    int m_laneCount = 0;
    bool m_roomAfterEnd = false;
    std::optional<TimelineAxis> m_dragAxis; ///< kept by beginDrag()
    double m_markUs = -1;
    QList<int> m_lanes;
    int m_layoutRevision = 0;
    bool m_scrubbing = false;
    mutable Geometry m_geo;
    mutable bool m_layersValid = false;
    mutable QImage m_played;
    mutable QImage m_unplayed;
    static constexpr int markerKinds = 7;
    mutable QImage m_sprites[markerKinds][2]; ///< [kind][played]
};

} // namespace idem
