#pragma once

// Data-driven tests over a folder of files: its expected.tsv lists each file with the error
// it must give.

#include <QByteArray>
#include <QPair>
#include <QString>
#include <QStringList>
#include <QVector>

/// The file's bytes, or empty if it cannot be read.
QByteArray readFile(const QString &path);

/// The rows of `dir`/expected.tsv: "<file>\t<expected error>", one a line; empty lines and
/// lines starting with '#' are skipped.
QVector<QPair<QString, QString>> corpusExpectations(const QString &dir);

/// The files expected.tsv lists, sorted.
QStringList corpusListed(const QString &dir);
/// The *.json files in `dir`, sorted: each must be listed.
QStringList corpusFiles(const QString &dir);
/// A data-driven test's table: columns "file" and "expected", a row per listed file.
void addCorpusRows(const QString &dir);
