#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

// The bytes of a broker journal (docs/protocol.md, "The broker's journal"): a fixed header that
// says whose journal it is, then records appended one after another, each framed by its length
// and a CRC-32C of its body, so that a record cut short by a crash, or bytes damaged after it
// was written, are recognised and never read as data. Pure functions on byte strings, no I/O;
// safe from any thread. Integers are little-endian.
//
//   header (176 bytes)   "CSBRKJNL" | format u32 | reserved u32 | created_unix_ns i64 |
//                        next_seq u64 | instance length u16 | instance (128 bytes, NUL padded) |
//                        padding to 172 | CRC-32C of bytes 0..171 u32
//   record               length u32 (of the body) | CRC-32C of the body u32 | body
//   body                 type u8, then by type:
//     ACCEPT  (1)        seq u64 | message id u64 | origin_ns i64 | accepted_unix_ns i64 |
//                        attempts u16 | service length u8 | service | payload length u32 | payload
//     REMOVE  (2)        seq u64      the message was acknowledged (or refused): it is gone
//     DELIVER (3)        seq u64      the message was handed to a consumer once more

namespace clusterscope::agents::broker {

inline constexpr std::string_view kJournalMagic = "CSBRKJNL";
inline constexpr std::uint32_t kJournalFormat = 1;
inline constexpr std::size_t kJournalHeaderBytes = 176;
inline constexpr std::size_t kJournalInstanceBytes = 128;
inline constexpr std::size_t kRecordFrameBytes = 8;  // length + CRC
// The largest body a record can have: an ACCEPT with a 64-byte service and a 64 KiB payload.
inline constexpr std::size_t kMaxRecordBodyBytes = 1 + 8 + 8 + 8 + 8 + 2 + 1 + 64 + 4 + 65536;

// CRC-32C (Castagnoli), the checksum iSCSI, ext4 and LevelDB's log use: it catches every burst
// error up to 32 bits and more than CRC-32's polynomial does for short records.
std::uint32_t crc32c(std::string_view bytes, std::uint32_t crc = 0);

struct JournalHeader {
  std::uint32_t format = kJournalFormat;
  std::int64_t createdUnixNs = 0;
  std::uint64_t nextSeq = 1;  // every seq below this may have been used
  std::string instance;       // the broker's instance id ("broker")
  bool operator==(const JournalHeader&) const = default;
};

std::string encodeHeader(const JournalHeader& header);

// Why a header was refused, each with its own message for the operator.
enum class HeaderProblem {
  TooShort,     // fewer than kJournalHeaderBytes bytes
  NotAJournal,  // the magic is not ours: someone else's file
  Damaged,      // the magic is ours but the CRC or a length is wrong
  Version,      // a format this broker does not read (`header.format` says which)
};
struct HeaderRefusal {
  HeaderProblem problem;
  std::uint32_t format = 0;  // Version: the file's format
};
std::variant<JournalHeader, HeaderRefusal> decodeHeader(std::string_view bytes);

enum class RecordType : std::uint8_t { Accept = 1, Remove = 2, Deliver = 3 };

// What an ACCEPT record says, as views (for writing without copying the payload).
struct AcceptFields {
  std::uint64_t seq = 0;
  std::uint64_t messageId = 0;
  std::int64_t originNs = 0;
  std::int64_t acceptedUnixNs = 0;
  int attempts = 0;
  std::string_view service;
  std::string_view payload;
};

// An ACCEPT record as read back.
struct AcceptRecord {
  std::uint64_t seq = 0;
  std::uint64_t messageId = 0;
  std::int64_t originNs = 0;
  std::int64_t acceptedUnixNs = 0;
  int attempts = 0;  // deliveries before this record was written (compaction keeps them)
  std::string service;
  std::string payload;
  bool operator==(const AcceptRecord&) const = default;
  AcceptFields fields() const {
    return {seq, messageId, originNs, acceptedUnixNs, attempts, service, payload};
  }
};

// REMOVE or DELIVER: one message by its seq.
struct SeqRecord {
  RecordType type = RecordType::Remove;
  std::uint64_t seq = 0;
  bool operator==(const SeqRecord&) const = default;
};

using JournalRecord = std::variant<AcceptRecord, SeqRecord>;

// Appends the framed record to `out`. `service` is at most 64 bytes and the payload at most
// 64 KiB (the async plane's limits): the broker never stores more.
void appendAccept(std::string& out, const AcceptFields& record);
void appendSeqRecord(std::string& out, RecordType type, std::uint64_t seq);
std::size_t acceptRecordBytes(std::size_t serviceBytes, std::size_t payloadBytes);

// Reads the record that starts `bytes`. Incomplete: not enough bytes for the frame or the
// body it announces (a tail cut by a crash, or the reader must read more). Corrupt: an
// impossible length, a CRC that does not match, an unknown type or a body of the wrong size.
struct RecordRead {
  enum class Status { Ok, Incomplete, Corrupt } status = Status::Ok;
  JournalRecord record;
  std::size_t bytes = 0;  // Ok: the framed record's size
  std::string why;        // Corrupt: one phrase
};
RecordRead readRecord(std::string_view bytes);

}  // namespace clusterscope::agents::broker
