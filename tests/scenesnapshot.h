#pragma once

// Shared by the GUI adapter tests: everything the window shows at the playhead, as text, so
// two controllers can be compared line by line.

#include "simulationcontroller.h"

#include <QAbstractItemModel>
#include <QPair>
#include <QStringList>
#include <QVariant>
#include <QVector>

/// A model cell as text (a string list joined by "|").
QString cell(const QVariant &v);
/// A model's rows, each as "role=value role=value ...", roles in enum order.
QStringList dump(const QAbstractItemModel *model);
/// The scene's list models, by name.
QVector<QPair<QString, QAbstractItemModel *>> models(idem::SimulationController &c);
/// Everything the GUI shows at the playhead, as text.
QStringList snapshot(idem::SimulationController &c);
