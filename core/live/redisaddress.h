#pragma once

#include <QString>

#include <optional>

namespace idem {

/// Where a Redis server is: `redis://[[USER]:PASSWORD@]HOST[:PORT][/DB]`.
struct RedisAddress
{
    QString host;
    int port = 6379;
    int db = 0;
    QString user;     ///< empty: the default user
    QString password; ///< empty: no AUTH

    /// Parses `url`; nullopt and a one-line `error` naming what was wrong and what was
    /// expected (the password is never repeated in it).
    static std::optional<RedisAddress> parse(const QString &url, QString *error);
    /// The address as a URL for logs: "redis://HOST:PORT/DB", with "***@" for credentials
    /// (the password is never printed).
    [[nodiscard]] QString display() const;
};

} // namespace idem
