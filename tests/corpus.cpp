#include "corpus.h"

#include <QDir>
#include <QFile>
#include <QtTest>

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

QVector<QPair<QString, QString>> corpusExpectations(const QString &dir)
{
    QVector<QPair<QString, QString>> rows;
    const QString text = QString::fromUtf8(readFile(dir + QStringLiteral("/expected.tsv")));
    for (const QString &line : text.split(QLatin1Char('\n'))) {
        if (line.isEmpty() || line.startsWith(QLatin1Char('#')))
            continue;
        const qsizetype tab = line.indexOf(QLatin1Char('\t'));
        rows.push_back({line.left(tab), tab < 0 ? QString() : line.mid(tab + 1)});
    }
    return rows;
}

QStringList corpusListed(const QString &dir)
{
    QStringList listed;
    for (const auto &row : corpusExpectations(dir))
        listed << row.first;
    listed.sort();
    return listed;
}

QStringList corpusFiles(const QString &dir)
{
    QStringList files = QDir(dir).entryList({QStringLiteral("*.json")}, QDir::Files);
    files.sort();
    return files;
}

void addCorpusRows(const QString &dir)
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("expected");
    for (const auto &row : corpusExpectations(dir))
        QTest::addRow("%s", qPrintable(row.first)) << row.first << row.second;
}
