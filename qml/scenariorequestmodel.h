#pragma once

#include "model/scenario.h"

#include "rowlistmodel.h"

#include <QtQml/qqmlregistration.h>

namespace idem {

/// One request as the editor panel lists it.
struct RequestRow
{
    RequestSpec spec;
    QString client; ///< the client's name
};

/// The requests of the scenario being edited, in the scenario's order, for the editor panel
/// and the timeline's drag handles.
class ScenarioRequestModel : public RowListModel<RequestRow>
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("owned by ScenarioEditor")

public:
    enum Role
    {
        IdRole = Qt::UserRole + 1,
        ClientRole,      ///< the client's name
        ClientIndexRole, ///< its index among the clients: its lane on the timeline
        AtUsRole,        ///< the send time, µs (a double for QML)
        AtMsRole,        ///< the send time as the file writes it, "100" or "0.5"
        KeyRole,         ///< the key label, "" for no key
        AmountRole,
        TargetRole, ///< "auto", "A", "B", "A1", ...: see targetText()
    };
    using RowListModel::RowListModel;

    QHash<int, QByteArray> roleNames() const override;
    void setRows(const Scenario &scenario);

    /// Where a request goes, as the editor's target field writes it: "auto" (the router picks
    /// by the client's region), a cluster "A"/"B", or a server "A1".
    [[nodiscard]] static QString targetText(const RequestSpec &r);
    /// The send time in ms as typed and shown: whole ms without a fraction.
    [[nodiscard]] static QString msText(qint64 us);

protected:
    QVariant rowData(const RequestRow &r, int role) const override;
};

} // namespace idem
