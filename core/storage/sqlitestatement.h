#pragma once

#include <QSqlDatabase>
#include <QString>

#include <optional>

struct sqlite3;
struct sqlite3_stmt;

namespace idem {

/// One prepared statement run through the sqlite3 C API on the connection of a QtSql
/// database (QSqlDriver::handle() gives its `sqlite3*`): the protocol's statements run per
/// request and per trial, and QtSql's QVariant binding and row cache cost about as much as
/// SQLite's own work on them. Connections, pragmas, migrations and transactions stay QtSql's.
/// Columns and bind positions are 0-based, as QSqlQuery's are.
class SqliteStatement
{
public:
    SqliteStatement() = default;
    ~SqliteStatement();
    SqliteStatement(const SqliteStatement &) = delete;
    SqliteStatement &operator=(const SqliteStatement &) = delete;

    /// Sets SQLite up for this process once, before its first connection opens: no memory
    /// statistics (they take one process-wide mutex on every allocation, which serialised the
    /// threads of a sweep). Without effect once SQLite is running. Thread-safe.
    static void configureLibrary();

    /// The `sqlite3*` behind an open QSQLITE connection, or null (another driver, closed).
    [[nodiscard]] static sqlite3 *handleOf(const QSqlDatabase &db);

    /// Prepares `sql` (once, for many runs); an error line if SQLite refuses it.
    [[nodiscard]] std::optional<QString> prepare(sqlite3 *db, const char *sql);

    void bind(int index, const QString &value); ///< a null QString binds SQL NULL
    void bind(int index, qint64 value);
    void bind(int index, int value) { bind(index, qint64(value)); }
    void bindNull(int index);

    /// Runs the statement from its start with the values bound: true if it ran, with the
    /// first row (if any) ready to read (hasRow()). The bound values stay for the next run.
    bool exec();
    /// Steps to the next row; false at the end (or on an error: see error()).
    bool next();
    [[nodiscard]] bool hasRow() const { return m_hasRow; }
    /// Ends the run (a read leaves its read transaction): call once the rows are read.
    void done();

    [[nodiscard]] QString text(int column) const; ///< NULL reads as an empty string
    [[nodiscard]] qint64 int64(int column) const; ///< NULL reads as 0
    [[nodiscard]] int integer(int column) const { return int(int64(column)); }
    /// Rows the last INSERT, UPDATE or DELETE changed.
    [[nodiscard]] int changes() const;
    /// SQLite's message for the last failure.
    [[nodiscard]] QString error() const;

private:
    sqlite3 *m_db = nullptr;
    sqlite3_stmt *m_stmt = nullptr;
    bool m_hasRow = false;
    int m_rc = 0;
};

} // namespace idem
