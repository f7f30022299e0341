#pragma once

// Shared by the export tests: a hand-built run and strict checkers for the text formats.

#include "model/runresult.h"

#include <QByteArray>
#include <QString>
#include <QStringList>
#include <QVector>

#include <optional>

/// The nodes of sampleRun(), by index.
enum NodeIndex
{
    C1,
    Router,
    A1,
    DbA,
    Cache,
    DbB,
    B1
};

/// Seven nodes, two attempts of one key, fourteen events: a lost response, two sends at the
/// same instant from different nodes, DB and cache commands, a timeout, replication and a
/// duplicate-effect anomaly; captions with commas, quotes, newlines, ';' and '#'.
idem::RunResult sampleRun();

/// A preset run through the engine, with the mutex and the cache both on when `guarded`.
idem::RunResult simulate(const QString &preset, bool guarded);

/// A strict RFC 4180 reader: CRLF records, quoted fields with doubled quotes; nullopt if the
/// text breaks a rule.
std::optional<QVector<QStringList>> parseCsv(const QString &text);

/// The CSV columns the exporter should write for `e`, computed independently of it.
QStringList expectedCsvRow(const idem::RunResult &run, const idem::Event &e);

/// The first line of a Mermaid file that is not one of the sequence-diagram statements
/// Mermaid documents (and this exporter uses), or nullopt when every line is.
std::optional<QString> undocumentedMermaidLine(const QString &mmd);

/// The first line of a PlantUML file outside the statements the exporter writes, or nullopt.
std::optional<QString> unexpectedPlantUmlLine(const QString &puml);

/// Why `xml` is not well-formed XML ("line 3: ..."), or nullopt when it is.
std::optional<QString> xmlError(const QByteArray &xml);
