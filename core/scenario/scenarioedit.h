#pragma once

#include "model/scenario.h"
#include "scenario/scenarioreader.h"

#include <QString>

#include <functional>

namespace idem {

/// Edits a scenario the way the editor panel does, without any GUI: clients, requests, drops
/// and faults added, changed and removed. Every edit is checked by writing the scenario with
/// ScenarioWriter and reading it back with the strict ScenarioReader, so the scenario held is
/// always one a file can hold; an edit the reader refuses leaves it as it was and returns the
/// reader's one-line error.
class ScenarioEdit
{
public:
    /// Starts from `scenario`, which is taken as it is (a preset, a file: already read).
    explicit ScenarioEdit(Scenario scenario = newScenario());

    /// Two clients, one in each region, and one request R1 with key K1 from Client 1.
    [[nodiscard]] static Scenario newScenario();

    [[nodiscard]] const Scenario &scenario() const { return m_scenario; }

    // Each edit returns "" when done, else the reader's one line (nothing changed then).

    /// Adds "Client <n>" (the first free n) in `region`.
    QString addClient(int region = 0);
    /// Removes client `index` and every request it sends (and what names those requests).
    QString removeClient(int index);
    /// Renames client `index` and moves it to `region`.
    QString setClient(int index, const ClientSpec &client);

    /// Adds a request from `client` at `atUs` with a new key, id nextRequestId().
    QString addRequest(int client, qint64 atUs);
    /// Adds `request` as it is (its id must be free; nextRequestId() is).
    QString addRequest(const RequestSpec &request);
    /// Removes request `index` and the drops and faults that name it.
    QString removeRequest(int index);
    /// Replaces request `index` (time, key, amount, cluster or server, client); its id stays.
    QString setRequest(int index, const RequestSpec &request);
    /// Moves request `index` to be sent at `atUs`.
    QString moveRequest(int index, qint64 atUs);

    QString addDrop(const DropSpec &drop);
    /// Adds the first drop the scenario does not have yet: the first attempt's response of
    /// the first request, else its request, else the next request's.
    QString addDrop();
    QString removeDrop(int index);
    QString setDrop(int index, const DropSpec &drop);
    /// Sets `field` of drop `index` ("request", "attempt", "message", as a file spells them)
    /// from `text`, judged by the strict reader (EntryFields::withField).
    QString setDropField(int index, const QString &field, const QString &text);

    QString addFault(const FaultSpec &fault);
    /// Adds newFault(kind, atUs).
    QString addFault(FaultKind kind, qint64 atUs);
    QString removeFault(int index);
    QString setFault(int index, const FaultSpec &fault);
    /// Sets `field` of fault `index` (a name of its kind in the file, "untilMs", "server")
    /// from `text`, judged by the strict reader (EntryFields::withField).
    QString setFaultField(int index, const QString &field, const QString &text);

    /// A fault of `kind` that fits this scenario, ready to change: a crash of the first server
    /// after the first request's claim; a cache outage or a partition of one second from
    /// `atUs` (whole ms); the first request's request duplicated; its charge failing with 502;
    /// cluster A's first replication message.
    [[nodiscard]] FaultSpec newFault(FaultKind kind, qint64 atUs) const;

    /// "R<n>", "K<n>", "Client <n>": the first n not in use.
    [[nodiscard]] QString nextRequestId() const;
    [[nodiscard]] QString nextKey() const;
    [[nodiscard]] QString nextClientName() const;

    /// Writes `scenario` and reads it back strictly: the scenario a file would give, or the
    /// reader's one line.
    [[nodiscard]] static ScenarioLoad check(const Scenario &scenario);

private:
    /// Applies `change` to a copy; keeps it if the reader accepts the copy.
    QString apply(const std::function<QString(Scenario &)> &change);
    template <typename T> QString addEntry(QVector<T> Scenario::*list, const T &entry);
    template <typename T>
    QString removeEntry(QVector<T> Scenario::*list, const QString &name, int index);
    template <typename T>
    QString setEntry(QVector<T> Scenario::*list, const QString &name, int index, const T &entry);
    /// Sets `field` of entry `index` of the file's `list` ("drops", "faults") from `text`, and
    /// keeps the scenario the reader gives back.
    QString applyField(const QString &list, int index, const QString &field, const QString &text);
    static void removeRequestAt(Scenario &s, int index);

    Scenario m_scenario;
};

} // namespace idem
