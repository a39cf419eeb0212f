// Runs a fuzz entry point without libFuzzer, so every compiler exercises it: first each
// corpus file as is, then a fixed number of deterministic mutations of them (truncations,
// byte flips, token insertions, deep nesting, spliced ranges). Same seed, same inputs. Linked
// with each fuzz target's LLVMFuzzerTestOneInput (scenario loader, wire protocol).
//
//   <target>_fuzz_replay [--mutations N] FILE_OR_DIR...

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "valid_scenario_generator.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

namespace {

// splitmix64: tiny, and identical on every platform (unlike std:: distributions).
using Rng = clusterscope::fuzz::Splitmix;

const std::array<const char*, 24> kTokens = {
    "{",    "}",     "[",      "]",      "\"",           ",",        ":",    "-1",
    "0",    "1e999", "-1e999", "1e-999", "null",         "true",     "\"\"", "\\u0000",
    "\xff", "\xc3",  "{}",     "[]",     "\"replicas\"", "\"dist\"", "1.5",  "18446744073709551616",
};

void run(const std::string& input) {
  LLVMFuzzerTestOneInput(reinterpret_cast<const std::uint8_t*>(input.data()), input.size());
}

std::string mutate(std::string s, Rng& rng) {
  const int steps = 1 + static_cast<int>(rng.below(3));
  for (int i = 0; i < steps; ++i) {
    const std::size_t at = rng.below(s.size() + 1);
    switch (rng.below(7)) {
      case 0:  // truncate
        s.resize(at);
        break;
      case 1:  // flip a byte
        if (!s.empty()) s[std::min(at, s.size() - 1)] ^= static_cast<char>(1u << rng.below(8));
        break;
      case 2:  // insert a token
        s.insert(at, kTokens[rng.below(kTokens.size())]);
        break;
      case 3: {  // nest deeply, sometimes past the limit
        const std::size_t depth = 1 + rng.below(80);
        s.insert(at, std::string(depth, rng.below(2) ? '[' : '{'));
        break;
      }
      case 4: {  // delete a range
        const std::size_t len = rng.below(std::min<std::size_t>(64, s.size() - at) + 1);
        s.erase(at, len);
        break;
      }
      case 5: {  // duplicate a range (repeats keys and array elements)
        const std::size_t from = rng.below(s.size() + 1);
        const std::size_t len = rng.below(std::min<std::size_t>(256, s.size() - from) + 1);
        s.insert(at, s.substr(from, len));
        break;
      }
      default: {  // replace a digit run with an extreme number
        const std::size_t digit = s.find_first_of("0123456789", at);
        if (digit == std::string::npos) break;
        const std::size_t end = s.find_first_not_of("0123456789.", digit);
        s.replace(digit, (end == std::string::npos ? s.size() : end) - digit,
                  rng.below(2) ? "-1" : "99999999999");
        break;
      }
    }
  }
  return s;
}

std::vector<std::string> readCorpus(int argc, char** argv, long& mutations) {
  std::vector<std::filesystem::path> paths;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--mutations" && i + 1 < argc) {
      mutations = std::strtol(argv[++i], nullptr, 10);
    } else if (std::filesystem::is_directory(arg)) {
      for (const auto& entry : std::filesystem::directory_iterator(arg)) {
        if (entry.is_regular_file()) paths.push_back(entry.path());
      }
    } else {
      paths.emplace_back(arg);
    }
  }
  std::sort(paths.begin(), paths.end());  // directory order is not stable
  std::vector<std::string> corpus;
  for (const auto& path : paths) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    corpus.push_back(text.str());
  }
  return corpus;
}

}  // namespace

int main(int argc, char** argv) {
  long mutations = 20000;
  const std::vector<std::string> corpus = readCorpus(argc, argv, mutations);
  if (corpus.empty()) {
    std::fprintf(stderr, "usage: %s [--mutations N] FILE_OR_DIR...\n", argv[0]);
    return 2;
  }
  for (const std::string& input : corpus) run(input);
  Rng rng(20240229);
  for (long i = 0; i < mutations; ++i) run(mutate(corpus[rng.below(corpus.size())], rng));
  std::printf("%zu corpus files and %ld mutations ran without a failure\n", corpus.size(),
              mutations);
  return 0;
}
