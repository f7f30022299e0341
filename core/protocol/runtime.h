#pragma once

#include "model/event.h"
#include "model/settings.h"
#include "storage/cachestore.h"
#include "storage/dbcommand.h"

#include <QString>

#include <functional>

namespace idem {

/// Who is handling what; passed through every runtime call so events can name it.
struct HandlerContext
{
    int request = -1; ///< attempt index (simulation) or request number (live)
    int cluster = 0;
    int server = -1;      ///< node index of the server
    QString serverName;   ///< its name ("Server A1"): a claim row names its holder
    QString key;          ///< stored key (header value)
    QString label;        ///< key as shown ("K1")
    QString client;       ///< who sent it (keyScope client scopes keys by it; empty in live mode)
    int incarnation = 0;  ///< the server's life it runs in: a crash ends it (simulation)
    QString requestId;    ///< the request ("R1"), as faults name it
    int attempt = 1;      ///< 1 = the first attempt of that request
    quint64 exchange = 0; ///< live mode: this exchange's number in its runtime (never reused)
};

/// The steps of the protocol after which a server may crash (a `crash` fault).
enum class ProtocolStep : quint8
{
    Claim,   ///< the key is claimed (CREATED written, or taken over)
    Charge,  ///< the ledger row is written
    Consume, ///< CONSUMED is written
    Respond, ///< the response has left
};

/// The members of the Runtime port, written once: `IDEM_RUNTIME_PORT(= 0)` declares the
/// interface, `IDEM_RUNTIME_PORT(override)` declares them in a runtime that implements it.
#define IDEM_RUNTIME_PORT(SPECIFIER)                                                               \
    [[nodiscard]] virtual const Settings &settings() const SPECIFIER;                              \
    [[nodiscard]] virtual qint64 nowUs() const SPECIFIER;                                          \
    virtual void after(const HandlerContext &ctx, qint64 us, std::function<void()> then)           \
        SPECIFIER;                                                                                 \
    virtual void db(const HandlerContext &ctx, const DbCommand &command,                           \
                    std::function<void(const DbResult &)> done) SPECIFIER;                         \
    virtual void cache(const HandlerContext &ctx, const CacheCommand &command,                     \
                       std::function<void(const CacheResult &)> done) SPECIFIER;                   \
    virtual void lock(const HandlerContext &ctx, std::function<void()> acquired) SPECIFIER;        \
    virtual void unlock(const HandlerContext &ctx) SPECIFIER;                                      \
    virtual void note(const HandlerContext &ctx, EventType type, const QString &sentence,          \
                      int status = 0, const QString &state = {}) SPECIFIER;                        \
    [[nodiscard]] virtual bool survives(const HandlerContext &ctx, ProtocolStep step) SPECIFIER;   \
    [[nodiscard]] virtual int operationFailure(const HandlerContext &ctx) SPECIFIER;

/// What the claim/consume handler needs from the world: one interface, two clocks.
/// The simulation implements it in virtual time; live mode on the Qt event loop and threads.
/// Continuations may run synchronously (live) or later (simulation).
class Runtime
{
public:
    virtual ~Runtime() = default;

    // What each member does (declared once below, for the interface and every runtime):
    // - settings(): the run's settings; nowUs(): the runtime's clock;
    // - after(ctx, us, then): runs `then` after `us` of work (the business operation);
    // - db(ctx, command, done): sends one statement to the cluster's DB; `done` gets its
    //   result back at the server;
    // - cache(ctx, command, done): sends one command to the shared cache;
    // - lock(ctx, acquired) / unlock(ctx): the cluster's per-key lock; `acquired` runs once
    //   it is held;
    // - note(ctx, type, sentence, status, state): records a step of the handler ("validate",
    //   "op-start", ...) with a plain sentence (the runtime prefixes the server's name) and
    //   what it changed (Event::state);
    // - survives(ctx, step): false when the server crashes right after `step` (a fault): the
    //   handler then stops that request at once, with no answer and no further SQL;
    // - operationFailure(ctx): the HTTP status the business operation fails with (a `fail`
    //   fault, e.g. 502 from the card network), or 0 when it succeeds.
    IDEM_RUNTIME_PORT(= 0)
};

} // namespace idem
