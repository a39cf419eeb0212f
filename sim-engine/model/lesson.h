#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

// A lesson's texts in one or more languages, and the "predict, then run" questions a lesson
// step may ask. Plain data: the scenario loader fills it, the engine's report evaluates the
// questions, the GUI shows them.

namespace clusterscope::model {

// A text given either as a plain string or as variants keyed by two-letter language codes.
// A plain string is kept apart (language "") so that a file written back keeps its form.
class LocalText {
 public:
  struct Variant {
    std::string language;  // "" for a plain string
    std::string text;
    bool operator==(const Variant&) const = default;
  };

  LocalText() = default;
  LocalText(std::string plain);  // NOLINT(google-explicit-constructor): texts were strings
  LocalText(const char* plain);  // NOLINT(google-explicit-constructor)
  static LocalText translated(std::vector<Variant> variants);

  // The text in `language`, else in English, else the first given; "" when there is none.
  const std::string& in(std::string_view language) const;
  // The text in English (or the plain string): what a view with no language shows.
  const std::string& text() const { return in("en"); }
  bool plain() const { return variants_.size() == 1 && variants_.front().language.empty(); }
  bool empty() const;
  const std::vector<Variant>& variants() const { return variants_; }
  bool operator==(const LocalText&) const = default;

 private:
  std::vector<Variant> variants_;
};

// One answer offered: it matches a measured value v when min <= v < max (either end may be
// open), so that adjacent choices tile the line.
struct QuestionChoice {
  LocalText text;
  std::optional<double> min;
  std::optional<double> max;
  bool matches(double value) const { return (!min || value >= *min) && (!max || value < *max); }
  bool operator==(const QuestionChoice&) const = default;
};

struct LessonQuestion {
  LocalText text;
  std::string metric;                                // any metric an `expect` claim accepts
  std::optional<std::pair<double, double>> beforeS;  // the figure before, for "from X to Y"
  std::pair<double, double> betweenS{0.0, 0.0};      // the window that settles it
  std::vector<QuestionChoice> choices;               // 2 to 4
  int answer = 0;                                    // index of the choice marked correct
  bool operator==(const LessonQuestion&) const = default;
};

// What a run measured for a question, once its window has closed.
struct QuestionOutcome {
  int step = -1;        // index of the lesson step that asks it
  double askedAtS = 0;  // that step's at_s
  std::string metric;
  std::pair<double, double> windowS{0.0, 0.0};  // between_s as used
  std::optional<std::pair<double, double>> beforeWindowS;
  std::optional<double> before;  // the value over before_s, when asked and measured
  std::optional<double> value;   // the value over between_s; none: not measured
  std::optional<int> matching;   // the choice the value falls in; none: no choice
  int answer = 0;                // the choice the lesson marks correct
  bool correct = false;          // matching == answer
  std::string problem;           // why there is no value
  bool operator==(const QuestionOutcome&) const = default;
};

// "A", "B", ... for choice `index`.
inline char choiceLetter(int index) { return static_cast<char>('A' + index); }

}  // namespace clusterscope::model
