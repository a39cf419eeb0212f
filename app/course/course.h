#pragma once

#include <QString>
#include <QStringList>
#include <vector>

#include "lesson.h"

// The course: the bundled lessons in the order a teacher gives them, grouped by the three parts
// of the course notes (differences from the monolith; asynchronous communication; deploying a
// cluster) and a part for going further. It is read from scenarios/course/course.json, bundled
// as ":/course/course.json"; each lesson is a bundled scenario, possibly shown side by side
// with a second one, or on real agents.

namespace clusterscope::app {

// A course text (a string, or texts by two-letter language code, as in scenario lessons) in
// `language`, else in English, else in the first language given.
QString courseText(const model::LocalText& text, const QString& language);

struct CourseLesson {
  QString id;           // the scenario's file name without ".json": stable, used in settings
  QString file;         // ":/scenarios/NAME.json"
  QString compareWith;  // empty, or a second scenario shown beside the first
  // How the lesson opens: simulated (the default), run on real local processes, or simulated
  // and real side by side (Compare > Simulation vs real agents).
  enum class Opening { Simulate, RealAgents, CompareRealAgents };
  Opening opening = Opening::Simulate;
  model::LocalText title;
  model::LocalText shows;  // what it shows, one sentence
  double durationS = 0.0;  // from the scenario (the longer of the two when compared)
  int questions = 0;       // lesson steps that ask the room a question
};

struct CoursePart {
  model::LocalText title;
  std::vector<CourseLesson> lessons;
};

struct Course {
  std::vector<CoursePart> parts;
  // Every lesson in teaching order.
  std::vector<const CourseLesson*> lessons() const;
  const CourseLesson* find(const QString& id) const;
};

struct CourseLoad {
  Course course;
  QStringList errors;  // one line each; empty when the course and every lesson loaded
  bool ok() const { return errors.isEmpty(); }
};

// Reads a course file; each lesson's scenarios are loaded from `scenarioDir` (a folder or a
// resource prefix such as ":/scenarios") to check them and to learn their durations.
CourseLoad loadCourse(const QString& path, const QString& scenarioDir);
// The bundled course, read and checked once: it is compiled in and never changes.
const CourseLoad& bundledCourse();

// "4 min", "1 h 20 min": a lesson's length for a list.
QString formatLessonDuration(double seconds);

}  // namespace clusterscope::app
