#pragma once

#include <cstdint>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "journal_format.h"
#include "stored_message.h"

// The broker's append-only journal (--journal FILE): every message the broker accepted and
// has not seen acknowledged, so that a broker restarted on the same file loses none of them.
//
// Guarantees (docs/protocol.md, "The broker's journal"):
// - A message's ACCEPT record is written (write(2) returned) before its PUBLISH_ACK is sent.
//   With SyncPolicy::Batch it is also on the disk (fdatasync) by then: a `kill -9` or a power
//   loss loses no acknowledged publish. With SyncPolicy::Periodic the file is synced once a
//   second: a `kill -9` loses nothing (the kernel holds what was written), a power loss or a
//   kernel crash can lose the last second of publishes.
// - REMOVE and DELIVER records are written but never waited for: losing one only means a
//   message is delivered again (delivery is at least once anyway) or with a lower attempt.
// - A record cut short by a crash, or bytes damaged after they were written, are found by the
//   record's length and CRC-32C when the file is opened, and the file is cut there; a file that
//   is not a journal, a journal of another format or of another broker instance, or one that a
//   running broker holds (flock), is refused without being touched.
// - Compaction rewrites only the live messages into FILE.compacting, syncs it and renames it over
//   FILE, so the journal is at all times either the old file or the new one.
//
// Not thread-safe: one owner thread. Every failure throws JournalError with a sentence that
// names the file.

namespace clusterscope::agents::broker {

class JournalError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

enum class SyncPolicy {
  Batch,     // fdatasync before the PUBLISH_ACKs of each batch of publishes
  Periodic,  // write before PUBLISH_ACK, fdatasync once a second
};
const char* syncPolicyName(SyncPolicy policy);  // "batch", "periodic"

struct JournalOptions {
  std::string path;
  std::string instance = "broker";  // whose journal: another instance's file is refused
  SyncPolicy sync = SyncPolicy::Batch;
  // Compact once the file is this large and more than half of it is dead records.
  std::uint64_t compactAfterBytes = 64u << 20;
};

// What the file held when it was opened.
struct Recovery {
  std::vector<AcceptRecord> messages;  // unacknowledged, in the order they were accepted
  std::uint64_t nextSeq = 1;           // the first seq the broker may use
  bool created = false;                // a new (or empty) file
  std::uint64_t records = 0;           // records read
  std::uint64_t cutBytes = 0;          // bytes cut from the tail (0: the file was whole)
  std::string cutReason;               // why they were cut ("a record cut short", ...)
};

class Journal : public StoreObserver {
 public:
  struct Stats {
    std::uint64_t fileBytes = 0;
    std::uint64_t liveBytes = 0;  // what a compaction would keep
    std::uint64_t writes = 0;     // write(2) calls that appended records
    std::uint64_t records = 0;    // records appended
    std::uint64_t syncs = 0;      // fdatasync calls
    std::uint64_t compactions = 0;
    std::uint64_t compactionFailures = 0;
  };

  // Opens FILE (creating it, mode 0600, when absent), locks it, reads it and cuts a damaged
  // tail. Throws JournalError when the file cannot be used (see above).
  static std::unique_ptr<Journal> open(const JournalOptions& options, Recovery& recovery);
  ~Journal() override;  // closes (and so unlocks) without syncing: call commit(true) first
  Journal(const Journal&) = delete;
  Journal& operator=(const Journal&) = delete;

  // StoreObserver: records are kept in memory until commit().
  void accepted(const StoredMessage& m) override;
  void removed(const StoredMessage& m) override;
  void delivered(const StoredMessage& m) override;

  // Appends what was recorded since the last commit with one write(2), then fdatasync when
  // `sync` (or, at least, when anything written is not yet synced and `sync` is true).
  void commit(bool sync);
  bool unsynced() const { return unsynced_; }
  SyncPolicy policy() const { return options_.sync; }

  // True when the file is past compactAfterBytes and mostly dead records.
  bool wantsCompaction() const;
  // Rewrites the live messages (in seq order) into a new file and renames it over the old one.
  // A failure before the rename leaves the old file in use (counted, retried once the file has
  // grown by half again); only a failure after it throws.
  void compact(std::uint64_t nextSeq, const std::vector<const StoredMessage*>& live);

  const Stats& stats() const { return stats_; }
  const std::string& path() const { return options_.path; }
  // Why the last compaction failed; empty when none has.
  const std::string& compactionError() const { return compactionError_; }

 private:
  Journal(JournalOptions options, int fd);
  void sync();
  [[noreturn]] void fail(const std::string& what, int error) const;

  JournalOptions options_;
  int fd_ = -1;
  std::string pending_;  // framed records not yet written
  bool unsynced_ = false;
  std::uint64_t compactFloor_ = 0;  // no compaction before the file reaches this size
  std::string compactionError_;
  Stats stats_;
};

}  // namespace clusterscope::agents::broker
