#pragma once

#include <QString>
#include <QUrl>

#include <optional>

namespace idem {

/// The address of a cluster process as `idemlab-cli serve` prints it, http://HOST:PORT, read
/// strictly wherever a person types one: a cluster's --peer and the app's --attach (and its
/// Attach dialog), which also takes ws:// and the event stream's path /events.
struct ClusterUrl
{
    enum class Use
    {
        Peer,  ///< http://HOST:PORT[/], nothing else
        Attach ///< http:// or ws://HOST:PORT, with or without the path /events
    };

    /// `text`'s host and port as http://HOST:PORT, or nullopt and `*why`: what is wrong, in a
    /// few words ("no port", "scheme ftp is not http or ws"), for the caller to frame with
    /// what it expected.
    [[nodiscard]] static std::optional<QUrl> base(const QString &text, Use use, QString *why);
};

} // namespace idem
