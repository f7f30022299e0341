#pragma once

#include "model/runresult.h"

#include <QAbstractListModel>
#include <QtQml/qqmlregistration.h>

namespace idem {

/// Every event of the run (static per run): the timeline's and the inspector's source.
class EventModel : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("owned by SceneModels")

public:
    enum Role
    {
        TimeRole = Qt::UserRole + 1,
        TypeRole,
        FromRole,
        ToRole,
        StatusRole,
        LabelRole,
        CaptionRole,
        KeyRole,
        StartRole,
        EndRole,
        LostRole,
    };
    using QAbstractListModel::QAbstractListModel;

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;
    void setRun(const RunResult *run);

private:
    const RunResult *m_run = nullptr;
};

} // namespace idem
