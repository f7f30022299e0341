#pragma once

#include "model/fault.h"
#include "model/lesson.h"
#include "model/payment.h"
#include "model/settings.h"

#include <QString>
#include <QVector>

#include <optional>

namespace idem {

/// A client node: its name and its home region (the cluster the router prefers).
struct ClientSpec
{
    QString name;   ///< e.g. "Client 1"
    int region = 0; ///< 0 = cluster A, 1 = cluster B
};

/// One request a client sends (its first attempt; retries follow the settings).
struct RequestSpec
{
    QString id;                    ///< e.g. "R1"; unique within the scenario
    int client = 0;                ///< index into Scenario::clients
    qint64 atUs = 0;               ///< when the client sends it
    std::optional<QString> key;    ///< key label such as "K1"; nullopt = no header
    std::optional<QString> rawKey; ///< literal header value instead of a generated UUID
    PaymentBody body;
    int cluster = -1; ///< -1 = the router's choice (client region), else 0/1
    int server = -1;  ///< -1 = round robin inside the cluster, else an index
};

/// Which hop of which request loses its message.
enum class DropPoint
{
    Request,  ///< the request between client and router
    Response, ///< the response between router and client
};

/// A message the scenario drops on purpose (beside random loss).
struct DropSpec
{
    QString request; ///< RequestSpec::id
    int attempt = 1; ///< 1 = first attempt, 2 = first retry, ...
    DropPoint point = DropPoint::Response;
};

/// The name of the scenario a live session records (LiveSession::snapshot()): a timeline with
/// it holds real times and is shown as a live record.
inline constexpr QLatin1String liveSessionScenarioName("live-session");

/// A whole scenario: name, settings, clients, requests, scripted drops, faults and its lesson.
struct Scenario
{
    QString name;        ///< e.g. "parallel-same-cluster"
    QString title;       ///< e.g. "Parallel duplicates in one cluster"
    QString description; ///< one line
    Settings settings;
    QVector<ClientSpec> clients;
    QVector<RequestSpec> requests;
    QVector<DropSpec> drops;
    QVector<FaultSpec> faults;  ///< crashes, cache outages, partitions, duplicates, failures
    QVector<LessonStep> lesson; ///< the guided tour, in time order; empty if none
};

} // namespace idem
