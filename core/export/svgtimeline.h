#pragma once

#include "export/exporter.h"
#include "export/svgpainter.h"
#include "timeline/timelineaxis.h"

#include <QRectF>
#include <QVector>

namespace idem {

/// Draws a run's events over its lanes, as the app's timeline view does: an arrow per
/// message coloured by status (requests solid with a filled head, replies dashed with an open
/// head), DB and cache commands as thin query/result pairs, replication dash-dotted, lost
/// messages stopping half way at a ✕, operation and lock bars, anomaly ◆ and timeout markers,
/// and message labels where they fit.
class SvgTimeline
{
public:
    SvgTimeline(const RunResult &run, const ExportRange &range, const TimelineAxis &axis,
                QVector<double> laneYs, double laneSpacing);

    /// The line styles, shared with the legend: a message by its HTTP status (0 = request),
    /// a DB or cache query and its result, replication, a replication conflict.
    [[nodiscard]] static SvgStroke messageStroke(int status);
    static const SvgStroke queryStroke;
    static const SvgStroke resultStroke;
    static const SvgStroke replicateStroke;
    static const SvgStroke conflictStroke;

    /// The times the events in `range` need on the axis: when they happen, and when their
    /// messages leave and arrive.
    [[nodiscard]] static QVector<qint64> times(const RunResult &run, const ExportRange &range);

    void draw(SvgPainter &p) const;

private:
    struct Label
    {
        QPointF at;
        double degrees = 0;
        QString text;
        QLatin1String colour;
    };

    [[nodiscard]] bool hasLane(int node) const { return node >= 0 && node < m_laneYs.size(); }
    [[nodiscard]] QPointF at(int node, qint64 t) const;
    [[nodiscard]] QString tooltip(const Event &e) const;
    void drawBars(SvgPainter &p) const;
    void drawEvent(SvgPainter &p, const Event &e, QVector<Label> &labels,
                   QVector<QRectF> &taken) const;
    void arrow(SvgPainter &p, QPointF a, QPointF b, const SvgPainter::Stroke &stroke,
               bool solidHead) const;
    void lostArrow(SvgPainter &p, QPointF a, QPointF b, const SvgPainter::Stroke &stroke) const;
    void marker(SvgPainter &p, const Event &e) const;
    void placeLabel(const Event &e, QPointF a, QPointF b, QLatin1String colour,
                    QVector<Label> &labels, QVector<QRectF> &taken) const;

    const RunResult &m_run;
    const ExportRange &m_range;
    const TimelineAxis &m_axis;
    QVector<double> m_laneYs;
    double m_laneSpacing = 0;
    bool m_labelled = true; ///< message labels only while arrows are few enough to read them
};

} // namespace idem
