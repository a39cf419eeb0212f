#include "journal.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <map>

namespace clusterscope::agents::broker {

namespace {

constexpr std::size_t kReadChunk = 1u << 20;
constexpr std::size_t kWriteChunk = 1u << 20;

std::string errorText(int error) { return std::strerror(error); }

std::int64_t unixNowNs() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::string parentDirectory(const std::string& path) {
  const auto slash = path.rfind('/');
  if (slash == std::string::npos) return ".";
  return slash == 0 ? "/" : path.substr(0, slash);
}

// A rename or a new file is durable only once its directory is synced.
void syncDirectory(const std::string& path) {
  const int dir = ::open(parentDirectory(path).c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir < 0) return;
  ::fsync(dir);
  ::close(dir);
}

// Writes all of `bytes` at the file's end (O_APPEND), through EINTR and short writes.
bool writeAll(int fd, std::string_view bytes, int& error) {
  while (!bytes.empty()) {
    const ssize_t n = ::write(fd, bytes.data(), bytes.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      error = errno;
      return false;
    }
    bytes.remove_prefix(static_cast<std::size_t>(n));
  }
  return true;
}

std::size_t recordBytes(const StoredMessage& m) {
  return acceptRecordBytes(m.service.size(), m.payload.size());
}

AcceptFields fieldsOf(const StoredMessage& m) {
  return {m.seq, m.messageId, m.originNs, m.acceptedUnixNs, m.attempts, m.service, m.payload};
}

// Replays the records after the header into `recovery`; returns the offset of the first byte
// that is not a whole, valid record (the file's size when it is whole).
std::uint64_t replay(int fd, const std::string& path, Recovery& recovery) {
  std::map<std::uint64_t, AcceptRecord> live;
  std::uint64_t maxSeq = 0;
  std::string buffer;
  std::size_t at = 0;
  std::uint64_t base = kJournalHeaderBytes;  // file offset of buffer[0]
  bool eof = false;
  for (;;) {
    const RecordRead r = readRecord(std::string_view(buffer).substr(at));
    if (r.status == RecordRead::Status::Incomplete && !eof) {
      buffer.erase(0, at);
      base += at;
      at = 0;
      const std::size_t had = buffer.size();
      buffer.resize(had + kReadChunk);
      ssize_t n;
      do {
        n = ::pread(fd, buffer.data() + had, kReadChunk, static_cast<off_t>(base + had));
      } while (n < 0 && errno == EINTR);
      if (n < 0) throw JournalError(path + ": cannot read the journal: " + errorText(errno));
      buffer.resize(had + static_cast<std::size_t>(n));
      eof = n == 0;
      continue;
    }
    if (r.status != RecordRead::Status::Ok) {
      const bool whole = r.status == RecordRead::Status::Incomplete && at == buffer.size();
      if (!whole) {
        recovery.cutReason = r.status == RecordRead::Status::Corrupt ? r.why : "a record cut short";
      }
      break;
    }
    ++recovery.records;
    if (const auto* a = std::get_if<AcceptRecord>(&r.record)) {
      maxSeq = std::max(maxSeq, a->seq);
      live[a->seq] = *a;
    } else {
      const auto& s = std::get<SeqRecord>(r.record);
      maxSeq = std::max(maxSeq, s.seq);
      const auto it = live.find(s.seq);
      if (it != live.end()) {
        if (s.type == RecordType::Remove) {
          live.erase(it);
        } else {
          ++it->second.attempts;
        }
      }
    }
    at += r.bytes;
  }
  recovery.nextSeq = std::max(recovery.nextSeq, maxSeq + 1);
  recovery.messages.reserve(live.size());
  for (auto& [seq, record] : live) recovery.messages.push_back(std::move(record));
  return base + at;
}

}  // namespace

const char* syncPolicyName(SyncPolicy policy) {
  return policy == SyncPolicy::Batch ? "batch" : "periodic";
}

Journal::Journal(JournalOptions options, int fd) : options_(std::move(options)), fd_(fd) {}

Journal::~Journal() {
  if (fd_ >= 0) ::close(fd_);
}

void Journal::fail(const std::string& what, int error) const {
  throw JournalError(options_.path + ": " + what + ": " + errorText(error));
}

std::unique_ptr<Journal> Journal::open(const JournalOptions& options, Recovery& recovery) {
  const std::string& path = options.path;
  // A leftover of a compaction that a crash interrupted before its rename: never the journal.
  ::unlink((path + ".compacting").c_str());
  struct stat st {};
  if (::stat(path.c_str(), &st) == 0 && !S_ISREG(st.st_mode)) {
    throw JournalError(path + ": not a regular file, so not a journal");
  }
  const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
  if (fd < 0) throw JournalError(path + ": cannot open the journal: " + errorText(errno));
  std::unique_ptr<Journal> journal(new Journal(options, fd));
  if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    if (errno == EWOULDBLOCK) {
      throw JournalError(path + ": in use by another running broker (the file is locked)");
    }
    journal->fail("cannot lock the journal", errno);
  }
  if (::fstat(fd, &st) != 0) journal->fail("cannot read the journal", errno);
  std::string head(kJournalHeaderBytes, '\0');
  ssize_t n;
  do {
    n = ::pread(fd, head.data(), head.size(), 0);
  } while (n < 0 && errno == EINTR);
  if (n < 0) journal->fail("cannot read the journal", errno);
  head.resize(static_cast<std::size_t>(n));
  const auto decoded = decodeHeader(head);
  const auto* refusal = std::get_if<HeaderRefusal>(&decoded);
  // Empty, or a header cut short while the file was being created: nothing was ever stored.
  if (head.empty() || (refusal && refusal->problem == HeaderProblem::TooShort)) {
    if (::ftruncate(fd, 0) != 0) journal->fail("cannot start the journal", errno);
    JournalHeader header;
    header.createdUnixNs = unixNowNs();
    header.instance = options.instance;
    int error = 0;
    if (!writeAll(fd, encodeHeader(header), error))
      journal->fail("cannot start the journal", error);
    journal->sync();
    syncDirectory(path);
    journal->stats_.fileBytes = kJournalHeaderBytes;
    recovery.created = true;
    journal->compactFloor_ = options.compactAfterBytes;
    return journal;
  }
  if (refusal) {
    switch (refusal->problem) {
      case HeaderProblem::NotAJournal:
        throw JournalError(path + ": not a clusterscope-broker journal (it does not start with " +
                           std::string(kJournalMagic) + "); refusing to touch it");
      case HeaderProblem::Version:
        throw JournalError(path + ": a journal of format " + std::to_string(refusal->format) +
                           "; this broker reads format " + std::to_string(kJournalFormat));
      case HeaderProblem::Damaged:
      case HeaderProblem::TooShort:
        throw JournalError(path + ": the journal's header is damaged (checksum mismatch)");
    }
  }
  const JournalHeader& header = std::get<JournalHeader>(decoded);
  if (header.instance != options.instance) {
    throw JournalError(path + ": the journal of broker \"" + header.instance + "\", not of \"" +
                       options.instance + "\" (see --instance)");
  }
  recovery.nextSeq = std::max<std::uint64_t>(header.nextSeq, 1);
  const std::uint64_t good = replay(fd, path, recovery);
  if (!recovery.cutReason.empty()) {
    recovery.cutBytes = static_cast<std::uint64_t>(st.st_size) - good;
    if (::ftruncate(fd, static_cast<off_t>(good)) != 0) {
      journal->fail("cannot cut the damaged end of the journal", errno);
    }
    journal->sync();
  }
  journal->stats_.fileBytes = good;
  for (const AcceptRecord& m : recovery.messages) {
    journal->stats_.liveBytes += acceptRecordBytes(m.service.size(), m.payload.size());
  }
  journal->compactFloor_ = options.compactAfterBytes;
  return journal;
}

void Journal::accepted(const StoredMessage& m) {
  appendAccept(pending_, fieldsOf(m));
  stats_.liveBytes += recordBytes(m);
  ++stats_.records;
}

void Journal::removed(const StoredMessage& m) {
  appendSeqRecord(pending_, RecordType::Remove, m.seq);
  stats_.liveBytes -= std::min<std::uint64_t>(stats_.liveBytes, recordBytes(m));
  ++stats_.records;
}

void Journal::delivered(const StoredMessage& m) {
  appendSeqRecord(pending_, RecordType::Deliver, m.seq);
  ++stats_.records;
}

void Journal::sync() {
  while (::fdatasync(fd_) != 0) {
    if (errno != EINTR) fail("cannot sync the journal to disk", errno);
  }
  ++stats_.syncs;
  unsynced_ = false;
}

void Journal::commit(bool syncNow) {
  if (!pending_.empty()) {
    int error = 0;
    if (!writeAll(fd_, pending_, error)) fail("cannot append to the journal", error);
    stats_.fileBytes += pending_.size();
    ++stats_.writes;
    pending_.clear();
    unsynced_ = true;
  }
  if (syncNow && unsynced_) sync();
}

bool Journal::wantsCompaction() const {
  return stats_.fileBytes >= std::max(options_.compactAfterBytes, compactFloor_) &&
         stats_.liveBytes * 2 < stats_.fileBytes;
}

void Journal::compact(std::uint64_t nextSeq, const std::vector<const StoredMessage*>& live) {
  commit(false);
  const std::string next = options_.path + ".compacting";
  const int fd = ::open(next.c_str(), O_RDWR | O_CREAT | O_TRUNC | O_APPEND | O_CLOEXEC, 0600);
  int error = 0;
  bool ok = fd >= 0;
  if (!ok) error = errno;
  JournalHeader header;
  header.createdUnixNs = unixNowNs();
  header.nextSeq = nextSeq;
  header.instance = options_.instance;
  std::string chunk = encodeHeader(header);
  std::uint64_t written = 0, liveBytes = 0;
  for (std::size_t i = 0; ok && i <= live.size(); ++i) {
    if (i < live.size()) {
      appendAccept(chunk, fieldsOf(*live[i]));
      liveBytes += recordBytes(*live[i]);
    }
    if (chunk.size() >= kWriteChunk || i == live.size()) {
      ok = writeAll(fd, chunk, error);
      written += chunk.size();
      chunk.clear();
    }
  }
  if (ok && ::fdatasync(fd) != 0) ok = false, error = errno;
  if (ok && ::flock(fd, LOCK_EX | LOCK_NB) != 0) ok = false, error = errno;
  if (ok && ::rename(next.c_str(), options_.path.c_str()) != 0) ok = false, error = errno;
  if (!ok) {
    // The old journal is intact and still in use; try again once it has grown by half.
    if (fd >= 0) ::close(fd);
    ::unlink(next.c_str());
    ++stats_.compactionFailures;
    compactionError_ = next + ": " + errorText(error);
    compactFloor_ = stats_.fileBytes + stats_.fileBytes / 2;
    return;
  }
  syncDirectory(options_.path);
  ::close(fd_);
  fd_ = fd;
  stats_.fileBytes = written;
  stats_.liveBytes = liveBytes;
  ++stats_.compactions;
  ++stats_.syncs;
  unsynced_ = false;
  compactFloor_ = options_.compactAfterBytes;
}

}  // namespace clusterscope::agents::broker
