#pragma once

#include <QCoreApplication>
#include <QString>
#include <cstdio>
#include <string>

// The CLI's own texts in the user's language: u8(CliText::tr("...")), English unless main()
// installed the French catalogue (app/translations/clusterscope-cli_fr.ts). What the engine
// writes (scenario diagnostics, the run's summary tables) stays English.

namespace clusterscope::cli {

class CliText {
  Q_DECLARE_TR_FUNCTIONS(CliText)
};

// For the streams, which take UTF-8.
inline std::string u8(const QString& text) { return text.toStdString(); }
// From them, for arg().
inline QString qs(const std::string& text) { return QString::fromStdString(text); }
// A number as a stream prints it (%g: "5", "0.25"), decimal point in every language.
inline QString plainNumber(double v) {
  char text[32];
  std::snprintf(text, sizeof text, "%g", v);
  return QString::fromLatin1(text);
}

}  // namespace clusterscope::cli
