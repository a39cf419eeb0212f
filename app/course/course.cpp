#include "course.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <algorithm>
#include <cmath>

#include "scenario_loader.h"

namespace clusterscope::app {

QString courseText(const model::LocalText& text, const QString& language) {
  return QString::fromStdString(text.in(language.toStdString()));
}

std::vector<const CourseLesson*> Course::lessons() const {
  std::vector<const CourseLesson*> out;
  for (const CoursePart& part : parts) {
    for (const CourseLesson& lesson : part.lessons) out.push_back(&lesson);
  }
  return out;
}

const CourseLesson* Course::find(const QString& id) const {
  for (const CourseLesson* lesson : lessons()) {
    if (lesson->id == id) return lesson;
  }
  return nullptr;
}

namespace {

// Collects problems with the JSON pointer of the value they are about, as the scenario loader
// does, so that whoever edits course.json finds the place.
class CourseReader {
 public:
  CourseReader(QString path, QString scenarioDir)
      : path_(std::move(path)), scenarioDir_(std::move(scenarioDir)) {}

  CourseLoad read() {
    QFile f(path_);
    if (!f.open(QIODevice::ReadOnly)) {
      result_.errors << QStringLiteral("%1: cannot read: %2").arg(path_, f.errorString());
      return result_;
    }
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(f.readAll(), &parseError);
    if (parseError.error != QJsonParseError::NoError) {
      result_.errors << QStringLiteral("%1: offset %2: %3")
                            .arg(path_)
                            .arg(parseError.offset)
                            .arg(parseError.errorString());
      return result_;
    }
    const QJsonArray parts = doc.object().value("parts").toArray();
    if (parts.isEmpty()) problem("/parts", "a course needs at least one part");
    for (int i = 0; i < parts.size(); ++i) readPart(parts[i], QStringLiteral("/parts/%1").arg(i));
    return result_;
  }

 private:
  void problem(const QString& pointer, const QString& message) {
    result_.errors << QStringLiteral("%1: %2: %3").arg(path_, pointer, message);
  }

  model::LocalText text(const QJsonValue& v, const QString& pointer) {
    std::vector<model::LocalText::Variant> variants;
    if (v.isString() && !v.toString().isEmpty()) {
      variants.push_back({std::string(), v.toString().toStdString()});
    } else if (v.isObject()) {
      const QJsonObject o = v.toObject();
      for (auto it = o.begin(); it != o.end(); ++it) {
        if (!it.value().isString() || it.value().toString().isEmpty()) {
          problem(pointer + "/" + it.key(), "expected a non-empty string");
        } else {
          variants.push_back({it.key().toStdString(), it.value().toString().toStdString()});
        }
      }
    }
    if (variants.empty()) problem(pointer, "expected a text, or texts by language");
    return model::LocalText::translated(std::move(variants));
  }

  void readPart(const QJsonValue& v, const QString& pointer) {
    CoursePart part;
    part.title = text(v.toObject().value("title"), pointer + "/title");
    const QJsonArray lessons = v.toObject().value("lessons").toArray();
    if (lessons.isEmpty()) problem(pointer + "/lessons", "a part needs at least one lesson");
    for (int i = 0; i < lessons.size(); ++i) {
      part.lessons.push_back(
          readLesson(lessons[i].toObject(), QStringLiteral("%1/lessons/%2").arg(pointer).arg(i)));
    }
    result_.course.parts.push_back(std::move(part));
  }

  CourseLesson readLesson(const QJsonObject& o, const QString& pointer) {
    CourseLesson lesson;
    const QString file = o.value("file").toString();
    lesson.id = file.endsWith(".json") ? file.chopped(5) : file;
    if (lesson.id.isEmpty()) problem(pointer + "/file", "expected a scenario file name");
    if (seenIds_.contains(lesson.id)) problem(pointer + "/file", "listed twice: " + file);
    seenIds_ << lesson.id;
    lesson.file = scenarioDir_ + "/" + file;
    lesson.title = text(o.value("title"), pointer + "/title");
    lesson.shows = text(o.value("shows"), pointer + "/shows");
    const QString opening = o.value("open").toString("simulate");
    if (opening == "real-agents") {
      lesson.opening = CourseLesson::Opening::RealAgents;
    } else if (opening == "compare-real-agents") {
      lesson.opening = CourseLesson::Opening::CompareRealAgents;
    } else if (opening != "simulate") {
      problem(pointer + "/open",
              "expected \"simulate\", \"real-agents\" or \"compare-real-agents\", got \"" +
                  opening + "\"");
    }
    if (lesson.opening != CourseLesson::Opening::Simulate && o.contains("compare_with")) {
      problem(pointer + "/compare_with", "a lesson on real agents compares with the simulation");
    }
    scenarioFacts(lesson.file, pointer + "/file", &lesson);
    if (o.contains("compare_with")) {
      lesson.compareWith = scenarioDir_ + "/" + o.value("compare_with").toString();
      CourseLesson other;
      scenarioFacts(lesson.compareWith, pointer + "/compare_with", &other);
      lesson.durationS = std::max(lesson.durationS, other.durationS);
      lesson.questions += other.questions;
    }
    return lesson;
  }

  // Loads a lesson's scenario with the engine's loader: it must be valid, and it tells the
  // lesson's length and how many questions it asks.
  void scenarioFacts(const QString& file, const QString& pointer, CourseLesson* lesson) {
    QFile f(file);
    if (!f.open(QIODevice::ReadOnly)) {
      problem(pointer, "no such scenario: " + file);
      return;
    }
    const QByteArray bytes = f.readAll();
    const engine::LoadResult r = engine::loadScenarioText(
        std::string_view(bytes.constData(), bytes.size()), file.toStdString());
    if (!r.ok()) {
      problem(pointer,
              QStringLiteral("%1 does not validate (%2 problems)").arg(file).arg(r.errors.size()));
      return;
    }
    lesson->durationS = r.scenario->durationS;
    const auto& steps = r.scenario->lesson;
    lesson->questions = static_cast<int>(
        std::count_if(steps.begin(), steps.end(), [](const auto& s) { return s.question; }));
  }

  QString path_;
  QString scenarioDir_;
  QStringList seenIds_;
  CourseLoad result_;
};

}  // namespace

CourseLoad loadCourse(const QString& path, const QString& scenarioDir) {
  return CourseReader(path, scenarioDir).read();
}

const CourseLoad& bundledCourse() {
  static const CourseLoad course = loadCourse(":/course/course.json", ":/scenarios");
  return course;
}

QString formatLessonDuration(double seconds) {
  const int minutes = std::max(1, static_cast<int>(std::lround(seconds / 60.0)));
  if (minutes < 60) return QCoreApplication::translate("Course", "%1 min").arg(minutes);
  return QCoreApplication::translate("Course", "%1 h %2 min")
      .arg(minutes / 60)
      .arg(minutes % 60, 2, 10, QChar('0'));
}

}  // namespace clusterscope::app
