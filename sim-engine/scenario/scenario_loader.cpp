#include "scenario_loader.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>

#include "internal/json_positions.h"
#include "internal/json_reader.h"
#include "internal/json_syntax_text.h"
#include "internal/scenario_parts.h"
#include "internal/text_format.h"
#include "printable_text.h"

namespace clusterscope::engine {

namespace {

using loader::Json;

// The C library's messages a scenario's path commonly meets, in glibc's words, for the
// translators; systemError() looks the message up whatever it is (English when unknown).
[[maybe_unused]] constexpr const char* kSystemErrors[] = {
    QT_TRANSLATE_NOOP("SystemError", "No such file or directory"),
    QT_TRANSLATE_NOOP("SystemError", "Permission denied"),
    QT_TRANSLATE_NOOP("SystemError", "Not a directory"),
    QT_TRANSLATE_NOOP("SystemError", "Too many levels of symbolic links"),
    QT_TRANSLATE_NOOP("SystemError", "File name too long"),
};

std::string systemError(int error) { return text::translate("SystemError", std::strerror(error)); }

Diagnostic placed(std::string_view text, const std::string& file, std::size_t offset,
                  std::string message) {
  const auto [line, column] = loader::LineMap(text).lineColumn(offset);
  return {file, line, column, "", std::move(message)};
}

LoadResult failure(std::string_view text, const std::string& file, std::size_t offset,
                   std::string message) {
  LoadResult result;
  result.errors.push_back(placed(text, file, offset, std::move(message)));
  return result;
}

// nlohmann's what() repeats the position and may quote raw bytes of a broken document;
// keep the explanation, printable, in English (tokenStart reads it).
std::string parseErrorDetail(const std::string& what) {
  std::string message = what;
  const std::size_t column = message.find("column ");
  const std::size_t colon = column == std::string::npos ? column : message.find(": ", column);
  if (colon != std::string::npos) message = message.substr(colon + 2);
  // "; last read: '<token>'" quotes the input, which the position already shows.
  if (const std::size_t read = message.find("; last read: '"); read != std::string::npos) {
    const std::size_t expected = message.find("'; expected ", read);
    message.erase(read, expected == std::string::npos ? std::string::npos : expected + 1 - read);
  }
  for (char& c : message) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u >= 0x7f) c = '?';
  }
  return message;
}

std::string invalidJson(const std::string& detail) {
  return text::format(text::translate("ScenarioLoader", "invalid JSON: %1"),
                      {loader::jsonSyntaxText(detail)});
}

// nlohmann reports where it stopped; for a bad literal or number, the token's start reads
// better.
std::size_t tokenStart(std::string_view text, std::size_t offset, const std::string& message) {
  if (message.find("invalid literal") == std::string::npos &&
      message.find("invalid number") == std::string::npos) {
    return offset;
  }
  while (offset > 0 && offset <= text.size()) {
    const auto c = static_cast<unsigned char>(text[offset - 1]);
    if (!std::isalnum(c) && c != '-' && c != '+' && c != '.') break;
    --offset;
  }
  return offset;
}

std::string lastToken(const std::string& pointer) {
  return loader::unescapePointerToken(std::string_view(pointer).substr(pointer.rfind('/') + 1));
}

void reportDuplicates(const loader::JsonPositions& positions, loader::Problems& problems) {
  for (const auto& duplicate : positions.duplicates()) {
    // Each repeat at its own key: the pointer alone would name the last one every time.
    problems.addAt(duplicate.keyOffset, duplicate.pointer,
                   text::format(text::translate("ScenarioLoader", "duplicate key %1"),
                                {loader::quotedText(lastToken(duplicate.pointer))}));
  }
}

std::vector<Diagnostic> placeErrors(std::string_view text, const std::string& file,
                                    loader::Problems& problems) {
  const std::vector<loader::PendingError> errors = problems.earliest();
  const loader::LineMap lines(text);
  std::vector<Diagnostic> out;
  for (const loader::PendingError& e : errors) {
    const auto [line, column] = lines.lineColumn(e.offset);
    out.push_back({file, line, column, e.pointer, e.message});
  }
  const std::size_t hidden = problems.total() - errors.size();
  if (hidden > 0) {
    out.push_back({file, 0, 0, "",
                   text::format(text::translate("ScenarioLoader", "%1 more errors not shown"),
                                {std::to_string(hidden)})});
  }
  return out;
}

// Size, nesting and syntax: what must hold before any member is read. On failure, the one
// diagnostic that says why; `root` is then unspecified.
std::optional<Diagnostic> parseDocument(std::string_view text, const std::string& fileName,
                                        std::size_t maxBytes, const std::string& tooLarge,
                                        Json& root) {
  if (text.size() > maxBytes) {
    const std::string limit = maxBytes % (1u << 20) == 0 ? std::to_string(maxBytes >> 20) + " MiB"
                                                         : std::to_string(maxBytes >> 10) + " KiB";
    return placed({}, fileName, 0, text::format(tooLarge, {limit, std::to_string(text.size())}));
  }
  // Before nlohmann sees it: its DOM and our position index are both recursive.
  if (const auto deep = loader::checkNesting(text, kMaxScenarioNesting)) {
    return placed(text, fileName, deep->offset, deep->message);
  }
  try {
    root = Json::parse(text);
  } catch (const Json::parse_error& e) {
    const std::string detail = parseErrorDetail(e.what());
    const std::size_t offset = std::min<std::size_t>(e.byte > 0 ? e.byte - 1 : 0, text.size());
    return placed(text, fileName, tokenStart(text, offset, detail), invalidJson(detail));
  } catch (const Json::exception& e) {
    // Only out_of_range.406 (number overflow) is thrown without a position.
    if (const auto at = loader::findOverflowingNumber(text)) {
      return placed(text, fileName, *at,
                    text::translate("ScenarioLoader", "number too large for a double"));
    }
    return placed(text, fileName, 0, invalidJson(parseErrorDetail(e.what())));
  }
  return std::nullopt;
}

}  // namespace

namespace {

// A pointer as shown: each token cut like a long key in a message.
std::string shownPointer(const std::string& pointer) {
  if (pointer.empty()) return "/";
  std::string out;
  std::size_t start = 1;
  while (start <= pointer.size()) {
    const std::size_t slash = std::min(pointer.find('/', start), pointer.size());
    out += "/" + shortenedText(std::string_view(pointer).substr(start, slash - start));
    start = slash + 1;
  }
  return out;
}

}  // namespace

std::string Diagnostic::format() const {
  // Everything here may come from the file or the command line: escaped, so that a
  // diagnostic is one line and cannot drive the terminal.
  if (line == 0) return printableText(file) + ": " + printableText(message);
  return printableText(file) + ":" + std::to_string(line) + ":" + std::to_string(column) + ": " +
         printableText(shownPointer(pointer)) + ": " + printableText(message);
}

LoadResult loadScenarioText(std::string_view text, const std::string& fileName) {
  Json root;
  if (auto error = parseDocument(
          text, fileName, kMaxScenarioBytes,
          text::translate("ScenarioLoader", "the file is larger than %1 (%2 bytes)"), root)) {
    LoadResult result;
    result.errors.push_back(std::move(*error));
    return result;
  }
  const loader::JsonPositions positions(text);
  loader::Problems problems(&positions, kMaxScenarioErrors);
  reportDuplicates(positions, problems);
  loader::ParseNotes notes;
  Scenario scenario = loader::parseScenario(problems, root, notes);
  if (root.is_object()) {
    loader::checkStructure(problems, scenario, notes);
    loader::checkTimeline(problems, scenario, notes);
    loader::checkExpect(problems, scenario, notes);
    loader::checkLessonMetrics(problems, scenario, notes);
  }
  LoadResult result;
  if (problems.empty()) {
    result.scenario = std::move(scenario);
  } else {
    result.errors = placeErrors(text, fileName, problems);
  }
  return result;
}

ActionLoadResult loadActionText(std::string_view text, const std::string& fileName) {
  ActionLoadResult result;
  Json root;
  if (auto error = parseDocument(
          text, fileName, kMaxActionBytes,
          text::translate("ScenarioLoader", "the action is larger than %1 (%2 bytes)"), root)) {
    result.errors.push_back(std::move(*error));
    return result;
  }
  const loader::JsonPositions positions(text);
  loader::Problems problems(&positions, kMaxScenarioErrors);
  reportDuplicates(positions, problems);
  loader::ObjectReader reader(problems, root, "");
  reader.notApplicable("at_s", text::translate("ScenarioLoader",
                                               "\"at_s\" does not apply to an action sent now: "
                                               "it runs at once"));
  bool kindKnown = false;
  model::Action action = loader::parseAction(reader, kindKnown);
  if (problems.empty()) {
    result.action = std::move(action);
  } else {
    result.errors = placeErrors(text, fileName, problems);
  }
  return result;
}

ServiceLoadResult loadServiceText(std::string_view text, const std::string& fileName) {
  ServiceLoadResult result;
  Json root;
  if (auto error = parseDocument(
          text, fileName, kMaxActionBytes,
          text::translate("ScenarioLoader", "the service is larger than %1 (%2 bytes)"), root)) {
    result.errors.push_back(std::move(*error));
    return result;
  }
  const loader::JsonPositions positions(text);
  loader::Problems problems(&positions, kMaxScenarioErrors);
  reportDuplicates(positions, problems);
  loader::ParseNotes notes;
  ServiceSpec service = loader::parseService(problems, root, "", notes);
  if (problems.empty()) {
    result.service = std::move(service);
  } else {
    result.errors = placeErrors(text, fileName, problems);
  }
  return result;
}

LoadResult loadScenarioFile(const std::string& path) {
  const auto unreadable = [&](const std::string& why) {
    LoadResult result;
    result.errors.push_back(
        {path, 0, 0, "",
         text::format(text::translate("ScenarioLoader", "cannot read the file: %1"), {why})});
    return result;
  };
  // Opened without blocking and checked before reading: a FIFO with no writer would
  // otherwise hang the open, and a device could be read for ever.
  const int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) return unreadable(systemError(errno));
  struct stat info {};
  if (::fstat(fd, &info) != 0 || !S_ISREG(info.st_mode)) {
    const int error = errno;
    ::close(fd);
    if (S_ISDIR(info.st_mode))
      return unreadable(text::translate("ScenarioLoader", "it is a directory"));
    if (S_ISFIFO(info.st_mode))
      return unreadable(text::translate("ScenarioLoader", "it is a pipe, not a regular file"));
    if (S_ISCHR(info.st_mode) || S_ISBLK(info.st_mode)) {
      return unreadable(text::translate("ScenarioLoader", "it is a device, not a regular file"));
    }
    return unreadable(error != 0 ? systemError(error)
                                 : text::translate("ScenarioLoader", "it is not a regular file"));
  }
  // Read up to one byte more than allowed: never the whole of a huge file.
  std::string text;
  char chunk[65536];
  while (text.size() <= kMaxScenarioBytes) {
    const ssize_t n = ::read(fd, chunk, sizeof chunk);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      const int error = errno;
      ::close(fd);
      return unreadable(systemError(error));
    }
    if (n == 0) break;
    text.append(chunk, static_cast<std::size_t>(n));
  }
  ::close(fd);
  if (text.size() > kMaxScenarioBytes) {
    return failure(
        {}, path, 0,
        text::format(text::translate("ScenarioLoader", "the file is larger than %1 (%2 bytes)"),
                     {"16 MiB", std::to_string(info.st_size)}));
  }
  return loadScenarioText(text, path);
}

}  // namespace clusterscope::engine
