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
    int server = -1; ///< node index of the server
    QString key;     ///< stored key (header value)
    QString label;   ///< key as shown ("K1")
};

/// What the claim/consume handler needs from the world: one interface, two clocks.
/// The simulation implements it in virtual time; live mode on the Qt event loop and threads.
/// Continuations may run synchronously (live) or later (simulation).
class Runtime
{
public:
    virtual ~Runtime() = default;

    [[nodiscard]] virtual const Settings &settings() const = 0;
    [[nodiscard]] virtual qint64 nowUs() const = 0;
    /// Runs `then` after `us` of work (the business operation).
    virtual void after(const HandlerContext &ctx, qint64 us, std::function<void()> then) = 0;
    /// Sends one statement to the cluster's DB; `done` gets its result back at the server.
    virtual void db(const HandlerContext &ctx, const DbCommand &command,
                    std::function<void(const DbResult &)> done) = 0;
    /// Sends one command to the shared cache.
    virtual void cache(const HandlerContext &ctx, const CacheCommand &command,
                       std::function<void(const CacheResult &)> done) = 0;
    /// Takes the cluster's per-key lock; `acquired` runs once it is held.
    virtual void lock(const HandlerContext &ctx, std::function<void()> acquired) = 0;
    virtual void unlock(const HandlerContext &ctx) = 0;
    /// Records a step of the handler ("validate", "op-start", ...) with a plain sentence
    /// (the runtime prefixes the server's name).
    virtual void note(const HandlerContext &ctx, EventType type, const QString &sentence,
                      int status = 0) = 0;
};

} // namespace idem
