#include "journal_format.h"

#include <algorithm>
#include <array>
#include <cstring>

namespace clusterscope::agents::broker {

namespace {

constexpr std::size_t kHeaderCrcOffset = kJournalHeaderBytes - 4;

std::array<std::uint32_t, 256> makeCrcTable() {
  std::array<std::uint32_t, 256> table{};
  for (std::uint32_t i = 0; i < 256; ++i) {
    std::uint32_t c = i;
    for (int k = 0; k < 8; ++k) c = (c & 1) ? (c >> 1) ^ 0x82F63B78u : c >> 1;
    table[i] = c;
  }
  return table;
}

template <typename T>
void put(std::string& out, T value) {
  char bytes[sizeof(T)];
  for (std::size_t i = 0; i < sizeof(T); ++i) {
    bytes[i] = static_cast<char>((static_cast<std::uint64_t>(value) >> (8 * i)) & 0xff);
  }
  out.append(bytes, sizeof(T));
}

// Reads fixed-size fields from a byte string whose size the caller has checked, or fails.
class Cursor {
 public:
  explicit Cursor(std::string_view bytes) : bytes_(bytes) {}
  template <typename T>
  bool get(T& value) {
    if (bytes_.size() - at_ < sizeof(T)) return false;
    std::uint64_t v = 0;
    for (std::size_t i = 0; i < sizeof(T); ++i) {
      v |= static_cast<std::uint64_t>(static_cast<unsigned char>(bytes_[at_ + i])) << (8 * i);
    }
    value = static_cast<T>(v);
    at_ += sizeof(T);
    return true;
  }
  bool take(std::size_t n, std::string& into) {
    if (bytes_.size() - at_ < n) return false;
    into.assign(bytes_.data() + at_, n);
    at_ += n;
    return true;
  }
  bool atEnd() const { return at_ == bytes_.size(); }
  void skip(std::size_t n) { at_ += n; }

 private:
  std::string_view bytes_;
  std::size_t at_ = 0;
};

void frame(std::string& out, std::size_t bodyStart) {
  const std::string_view body(out.data() + bodyStart, out.size() - bodyStart);
  const std::uint32_t length = static_cast<std::uint32_t>(body.size());
  const std::uint32_t crc = crc32c(body);
  char head[kRecordFrameBytes];
  for (int i = 0; i < 4; ++i) {
    head[i] = static_cast<char>((length >> (8 * i)) & 0xff);
    head[4 + i] = static_cast<char>((crc >> (8 * i)) & 0xff);
  }
  std::memcpy(out.data() + bodyStart - kRecordFrameBytes, head, kRecordFrameBytes);
}

RecordRead corrupt(std::string why) {
  RecordRead r;
  r.status = RecordRead::Status::Corrupt;
  r.why = std::move(why);
  return r;
}

}  // namespace

std::uint32_t crc32c(std::string_view bytes, std::uint32_t crc) {
  static const std::array<std::uint32_t, 256> table = makeCrcTable();
  crc = ~crc;
  for (const char c : bytes) crc = table[(crc ^ static_cast<unsigned char>(c)) & 0xff] ^ (crc >> 8);
  return ~crc;
}

std::string encodeHeader(const JournalHeader& header) {
  std::string out(kJournalMagic);
  put<std::uint32_t>(out, header.format);
  put<std::uint32_t>(out, 0);
  put<std::int64_t>(out, header.createdUnixNs);
  put<std::uint64_t>(out, header.nextSeq);
  const std::size_t n = std::min(header.instance.size(), kJournalInstanceBytes);
  put<std::uint16_t>(out, static_cast<std::uint16_t>(n));
  out.append(header.instance.data(), n);
  out.resize(kHeaderCrcOffset, '\0');
  put<std::uint32_t>(out, crc32c(out));
  return out;
}

std::variant<JournalHeader, HeaderRefusal> decodeHeader(std::string_view bytes) {
  if (bytes.size() < kJournalMagic.size() ||
      bytes.substr(0, kJournalMagic.size()) != kJournalMagic) {
    return HeaderRefusal{bytes.size() < kJournalHeaderBytes && kJournalMagic.starts_with(bytes)
                             ? HeaderProblem::TooShort
                             : HeaderProblem::NotAJournal};
  }
  if (bytes.size() < kJournalHeaderBytes) return HeaderRefusal{HeaderProblem::TooShort};
  Cursor c(bytes.substr(0, kJournalHeaderBytes));
  c.skip(kJournalMagic.size());
  JournalHeader h;
  std::uint32_t reserved = 0, crc = 0;
  std::uint16_t instanceBytes = 0;
  c.get(h.format);
  // The format is read before the CRC is checked: a later format may lay its header out
  // otherwise, and the operator should learn "another version", not "damaged".
  if (h.format != kJournalFormat) return HeaderRefusal{HeaderProblem::Version, h.format};
  c.get(reserved);
  c.get(h.createdUnixNs);
  c.get(h.nextSeq);
  c.get(instanceBytes);
  Cursor(bytes.substr(kHeaderCrcOffset, 4)).get(crc);
  if (crc != crc32c(bytes.substr(0, kHeaderCrcOffset)) || instanceBytes > kJournalInstanceBytes) {
    return HeaderRefusal{HeaderProblem::Damaged};
  }
  c.take(instanceBytes, h.instance);
  return h;
}

std::size_t acceptRecordBytes(std::size_t serviceBytes, std::size_t payloadBytes) {
  return kRecordFrameBytes + 1 + 8 + 8 + 8 + 8 + 2 + 1 + serviceBytes + 4 + payloadBytes;
}

void appendAccept(std::string& out, const AcceptFields& r) {
  out.append(kRecordFrameBytes, '\0');
  const std::size_t start = out.size();
  put<std::uint8_t>(out, static_cast<std::uint8_t>(RecordType::Accept));
  put<std::uint64_t>(out, r.seq);
  put<std::uint64_t>(out, r.messageId);
  put<std::int64_t>(out, r.originNs);
  put<std::int64_t>(out, r.acceptedUnixNs);
  put<std::uint16_t>(out, static_cast<std::uint16_t>(std::clamp(r.attempts, 0, 65535)));
  put<std::uint8_t>(out, static_cast<std::uint8_t>(r.service.size()));
  out.append(r.service);
  put<std::uint32_t>(out, static_cast<std::uint32_t>(r.payload.size()));
  out.append(r.payload);
  frame(out, start);
}

void appendSeqRecord(std::string& out, RecordType type, std::uint64_t seq) {
  out.append(kRecordFrameBytes, '\0');
  const std::size_t start = out.size();
  put<std::uint8_t>(out, static_cast<std::uint8_t>(type));
  put<std::uint64_t>(out, seq);
  frame(out, start);
}

RecordRead readRecord(std::string_view bytes) {
  RecordRead r;
  Cursor head(bytes);
  std::uint32_t length = 0, crc = 0;
  if (!head.get(length) || !head.get(crc)) {
    r.status = RecordRead::Status::Incomplete;
    return r;
  }
  if (length == 0 || length > kMaxRecordBodyBytes) {
    return corrupt("a record length of " + std::to_string(length) + " bytes");
  }
  if (bytes.size() - kRecordFrameBytes < length) {
    r.status = RecordRead::Status::Incomplete;
    return r;
  }
  const std::string_view body = bytes.substr(kRecordFrameBytes, length);
  if (crc32c(body) != crc) return corrupt("a record whose checksum does not match");
  Cursor c(body);
  std::uint8_t type = 0;
  c.get(type);
  if (type == static_cast<std::uint8_t>(RecordType::Accept)) {
    AcceptRecord a;
    std::uint16_t attempts = 0;
    std::uint8_t serviceBytes = 0;
    std::uint32_t payloadBytes = 0;
    const bool ok = c.get(a.seq) && c.get(a.messageId) && c.get(a.originNs) &&
                    c.get(a.acceptedUnixNs) && c.get(attempts) && c.get(serviceBytes) &&
                    serviceBytes >= 1 && serviceBytes <= 64 && c.take(serviceBytes, a.service) &&
                    c.get(payloadBytes) && payloadBytes <= 65536 &&
                    c.take(payloadBytes, a.payload) && c.atEnd();
    if (!ok) return corrupt("an ACCEPT record of the wrong size");
    a.attempts = attempts;
    r.record = std::move(a);
  } else if (type == static_cast<std::uint8_t>(RecordType::Remove) ||
             type == static_cast<std::uint8_t>(RecordType::Deliver)) {
    SeqRecord s{static_cast<RecordType>(type), 0};
    if (!c.get(s.seq) || !c.atEnd()) return corrupt("a REMOVE or DELIVER record of the wrong size");
    r.record = s;
  } else {
    return corrupt("a record of unknown type " + std::to_string(type));
  }
  r.bytes = kRecordFrameBytes + length;
  return r;
}

}  // namespace clusterscope::agents::broker
