#include "translations.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>

#include "engine_text.h"

namespace clusterscope::i18n {

QStringList languages() { return {QStringLiteral("en"), QStringLiteral("fr")}; }

QString resolve(const QString& choice) {
  if (languages().contains(choice)) return choice;
  // uiLanguages lists the user's preferences in order ("fr-FR", "fr", "en-US"...): the first
  // one we speak wins.
  for (const QString& ui : QLocale::system().uiLanguages()) {
    const QString code = ui.section(QLatin1Char('-'), 0, 0).toLower();
    if (languages().contains(code)) return code;
  }
  return QStringLiteral("en");
}

QString install(const QString& catalog, const QString& choice) {
  const QString language = resolve(choice);
  if (language == QLatin1String("en")) {
    clusterscope::text::setTranslator(nullptr);
    // English text with English numbers, even on a French system whose user chose English.
    QLocale english(QLocale::English, QLocale::UnitedStates);
    english.setNumberOptions(QLocale::OmitGroupSeparator);
    QLocale::setDefault(english);
    return language;
  }
  QLocale::setDefault(QLocale(language));
  // Parented to the application: they live as long as it does.
  auto* ours = new QTranslator(QCoreApplication::instance());
  if (ours->load(QStringLiteral(":/i18n/%1_%2.qm").arg(catalog, language))) {
    QCoreApplication::installTranslator(ours);
  }
  // The engine's texts (reports, claims, the loader's diagnostics) from their own catalogue,
  // through the hook sim-engine asks, which has no Qt of its own.
  auto* engine = new QTranslator(QCoreApplication::instance());
  if (engine->load(QStringLiteral(":/i18n/clusterscope-engine_%1.qm").arg(language))) {
    QCoreApplication::installTranslator(engine);
    clusterscope::text::setTranslator([](const char* context, const char* english) {
      return QCoreApplication::translate(context, english).toStdString();
    });
  }
  // Qt's own strings (standard buttons, file dialogs) when the system has them; without them
  // those stay English, which is not an error.
  auto* qt = new QTranslator(QCoreApplication::instance());
  if (qt->load(QLocale(language), QStringLiteral("qtbase"), QStringLiteral("_"),
               QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
    QCoreApplication::installTranslator(qt);
  }
  return language;
}

}  // namespace clusterscope::i18n
