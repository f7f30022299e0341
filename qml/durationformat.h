#pragma once

#include "timeline/durationtext.h"

#include <QObject>
#include <QtQml/qqmlregistration.h>

namespace idem {

/// The app's one duration formatter (timeline/durationtext.h), for QML: the scene's labels
/// write a moment as the lane timeline, the exports and the CLI do.
class DurationFormat : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_SINGLETON

public:
    explicit DurationFormat(QObject *parent = nullptr) : QObject(parent) {}

    /// "20 ms", "5.03 s", "10 min": for labels.
    [[nodiscard]] Q_INVOKABLE QString brief(double us) const
    {
        return durationText(qint64(us), DurationUnit::Brief);
    }
    /// "20 ms", "1.235 s": a moment of the run, as the caption and the CLI write it.
    [[nodiscard]] Q_INVOKABLE QString moment(double us) const { return durationText(qint64(us)); }
};

} // namespace idem
