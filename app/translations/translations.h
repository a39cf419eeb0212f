#pragma once

#include <QString>
#include <QStringList>

// The interface's language: which catalogue (clusterscope_fr.qm, clusterscope-cli_fr.qm, compiled
// in under :/i18n) and which of Qt's own translations to install. English is the source language
// and needs no catalogue.

namespace clusterscope::i18n {

// The languages the interface speaks, as two-letter codes: "en", "fr".
QStringList languages();

// The language for a choice: "en" or "fr" as they are; anything else (empty, "system") follows
// the system locale (QLocale::system().uiLanguages(), that is LANGUAGE, LC_ALL, LC_MESSAGES, LANG
// on Unix), falling back to English.
QString resolve(const QString& choice);

// Installs the translators of `catalog` ("clusterscope" or "clusterscope-cli") for `choice` on
// the running QCoreApplication, with Qt's own qtbase translation when the system has it, and
// sets the default QLocale to match, so that numbers formatted through QLocale read as the text
// around them (a decimal comma in French). Also installs the engine's catalogue
// (clusterscope-engine) and points sim-engine's translator hook (engine_text.h) at it, so that
// run reports and scenario diagnostics follow; English resets that hook. Returns the language
// now in effect.
QString install(const QString& catalog, const QString& choice);

}  // namespace clusterscope::i18n
