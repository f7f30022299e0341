#include "timelinecanvas.h"

#include "simulationcontroller.h"

#include <QPainter>

namespace idem {

TimelineCanvas::TimelineCanvas(QQuickItem *parent) : QQuickPaintedItem(parent) {}

void TimelineCanvas::paint(QPainter *) {}

void TimelineCanvas::setController(SimulationController *controller)
{
    if (controller == m_controller)
        return;
    m_controller = controller;
    emit controllerChanged();
}

} // namespace idem
