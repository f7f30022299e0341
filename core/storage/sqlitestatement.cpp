#include "storage/sqlitestatement.h"

#include <QSqlDriver>
#include <QVariant>

#include <sqlite3.h>

#include <mutex>

namespace idem {

void SqliteStatement::configureLibrary()
{
    static std::once_flag once;
    std::call_once(once, [] {
        // SQLITE_MISUSE if SQLite was initialised already (by another library): then it keeps
        // its defaults, which are correct, only slower with many threads.
        sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
    });
}

SqliteStatement::~SqliteStatement()
{
    sqlite3_finalize(m_stmt); // a no-op on null
}

sqlite3 *SqliteStatement::handleOf(const QSqlDatabase &db)
{
    if (!db.isOpen() || !db.driver())
        return nullptr;
    const QVariant handle = db.driver()->handle();
    if (!handle.isValid() || qstrcmp(handle.typeName(), "sqlite3*") != 0)
        return nullptr;
    return *static_cast<sqlite3 *const *>(handle.constData());
}

std::optional<QString> SqliteStatement::prepare(sqlite3 *db, const char *sql)
{
    sqlite3_finalize(m_stmt);
    m_stmt = nullptr;
    m_db = db;
    if (!db)
        return QStringLiteral("no SQLite connection to prepare on");
    if (sqlite3_prepare_v3(db, sql, -1, SQLITE_PREPARE_PERSISTENT, &m_stmt, nullptr) != SQLITE_OK)
        return QString::fromUtf8(sqlite3_errmsg(db));
    return {};
}

void SqliteStatement::bind(int index, const QString &value)
{
    if (value.isNull()) {
        bindNull(index);
        return;
    }
    sqlite3_bind_text16(m_stmt, index + 1, value.utf16(), int(value.size() * sizeof(char16_t)),
                        SQLITE_TRANSIENT);
}

void SqliteStatement::bind(int index, qint64 value)
{
    sqlite3_bind_int64(m_stmt, index + 1, value);
}

void SqliteStatement::bindNull(int index)
{
    sqlite3_bind_null(m_stmt, index + 1);
}

bool SqliteStatement::exec()
{
    sqlite3_reset(m_stmt);
    return next() || m_rc == SQLITE_DONE;
}

bool SqliteStatement::next()
{
    m_rc = sqlite3_step(m_stmt);
    m_hasRow = m_rc == SQLITE_ROW;
    return m_hasRow;
}

void SqliteStatement::done()
{
    sqlite3_reset(m_stmt);
    m_hasRow = false;
}

QString SqliteStatement::text(int column) const
{
    const auto *chars = static_cast<const QChar *>(sqlite3_column_text16(m_stmt, column));
    if (!chars)
        return QString(); // as QtSql reads NULL: toString() of a null QVariant
    return QString(chars, sqlite3_column_bytes16(m_stmt, column) / int(sizeof(char16_t)));
}

qint64 SqliteStatement::int64(int column) const
{
    return sqlite3_column_int64(m_stmt, column);
}

int SqliteStatement::changes() const
{
    return sqlite3_changes(m_db);
}

QString SqliteStatement::error() const
{
    return m_db ? QString::fromUtf8(sqlite3_errmsg(m_db)) : QStringLiteral("not prepared");
}

} // namespace idem
