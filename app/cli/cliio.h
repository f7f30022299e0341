#pragma once

#include "model/scenario.h"

#include <QString>
#include <QStringList>
#include <QTextStream>

#include <initializer_list>
#include <optional>

class QCommandLineParser;

// What every idemlab-cli command shares: its streams, its one-line failures, its argument
// parsing and the scenario it starts from.
namespace idem::cli {

QTextStream &out();
QTextStream &err();
/// Prints "idemlab-cli: LINE" on stderr and returns `code` (2: bad input, 1: a run failed).
int fail(const QString &line, int code = 2);
/// The command's words ask for its help (--help or -h).
[[nodiscard]] bool wantsHelp(const QStringList &args);
/// Prints a command's help: a usage line, a paragraph, then the parser's option list.
int help(const QCommandLineParser &parser, const QString &usage, const QString &about,
         const QString &more = {});
/// Parses `args` (the command's own words, without the program and command names); false
/// and the parser's error on one line otherwise.
bool parse(QCommandLineParser &parser, const QString &command, const QStringList &args,
           QString *error);
/// Whether each of `options` is given at most once; false and an error line otherwise.
bool givenOnce(const QCommandLineParser &parser, std::initializer_list<const char *> options,
               QString *error);
/// A whole number from `min` to `max` given to option `name`; nullopt and an error line
/// otherwise.
std::optional<qint64> wholeNumber(const QCommandLineParser &parser, const QString &name, qint64 min,
                                  qint64 max, QString *error);
/// The command's one positional argument (a preset, a scenario or a timeline file); nullopt
/// and an error line when there is none or more than one.
std::optional<QString> scenarioArgument(const QCommandLineParser &parser, const QString &command,
                                        QString *error);
/// The scenario `input` names, with the overrides and --fault specs of `parser` applied;
/// nullopt and an error line on failure.
std::optional<Scenario> loadScenario(const QString &input, const QCommandLineParser &parser,
                                     QString *error);

} // namespace idem::cli
