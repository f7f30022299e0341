#pragma once

#include <QQuickPaintedItem>
#include <QtQml/qqmlregistration.h>

namespace idem {

class SimulationController;

/// The lane timeline (work in progress by the timeline helper).
class TimelineCanvas : public QQuickPaintedItem
{
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(idem::SimulationController *controller READ controller WRITE setController NOTIFY
                   controllerChanged)

public:
    explicit TimelineCanvas(QQuickItem *parent = nullptr);
    void paint(QPainter *painter) override;
    SimulationController *controller() const { return m_controller; }
    void setController(SimulationController *controller);

signals:
    void controllerChanged();

private:
    SimulationController *m_controller = nullptr;
};

} // namespace idem
