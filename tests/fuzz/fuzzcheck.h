#pragma once

// What every fuzz target checks beside the sanitizers: a reader either succeeds or gives
// exactly one line, and what it accepts reads back the same.

#include <QString>

#include <cstdio>
#include <cstdlib>

namespace idem::fuzz {

/// Stops the run (libFuzzer saves the input) when `ok` is false.
inline void check(bool ok, const char *what, const QString &detail = {})
{
    if (ok)
        return;
    std::fprintf(stderr, "fuzz check failed: %s\n%s\n", what, qPrintable(detail));
    std::abort();
}

/// An error is one non-empty line.
inline void checkOneLine(const QString &error)
{
    check(!error.isEmpty(), "a refused input has an error");
    check(!error.contains(QLatin1Char('\n')) && !error.contains(QLatin1Char('\r')) &&
              !error.contains(QChar::LineSeparator) && !error.contains(QChar::ParagraphSeparator),
          "the error is one line", error);
}

} // namespace idem::fuzz
