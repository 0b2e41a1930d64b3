// One pass over the packets (libpcap) feeding the reassembler, one walk over the blocks for
// the DSB; the file is mapped read-only, so its size costs address space, not memory.
#include "core/capture/capture_import.hpp"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>

#include "core/capture/packet_reader.hpp"
#include "core/capture/pcapng_secrets.hpp"

namespace hl::capture {
namespace {

// A read-only mapping of a whole file.
class MappedFile {
 public:
  explicit MappedFile(const std::string& path) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
      error_ = "cannot open " + path + ": " + std::strerror(errno);
      return;
    }
    struct stat info {};
    if (::fstat(fd, &info) != 0 || !S_ISREG(info.st_mode)) {
      error_ = path + " is not a regular file";
      ::close(fd);
      return;
    }
    size_ = static_cast<std::size_t>(info.st_size);
    if (size_ > 0) {
      void* at = ::mmap(nullptr, size_, PROT_READ, MAP_PRIVATE, fd, 0);
      if (at == MAP_FAILED) error_ = "cannot read " + path + ": " + std::strerror(errno);
      else data_ = static_cast<const std::uint8_t*>(at);
    }
    ::close(fd);
  }
  ~MappedFile() {
    if (data_ != nullptr) ::munmap(const_cast<std::uint8_t*>(data_), size_);
  }
  MappedFile(const MappedFile&) = delete;
  MappedFile& operator=(const MappedFile&) = delete;

  const std::string& error() const { return error_; }
  std::span<const std::uint8_t> bytes() const { return data_ ? std::span(data_, size_) : std::span<const std::uint8_t>(); }

 private:
  const std::uint8_t* data_ = nullptr;
  std::size_t size_ = 0;
  std::string error_;
};

}  // namespace

CaptureImport import_capture(std::span<const std::uint8_t> file, const ReassemblyLimits& limits) {
  CaptureImport out;
  TcpReassembler reassembler(limits);
  bool unknown_link = false;
  const ReadOutcome read = read_packets(file, [&](const Packet& packet) {
    FrameSkip why = FrameSkip::malformed;
    const auto segment = tcp_segment(packet.link_type, packet.bytes, why);
    if (!segment) {
      unknown_link = unknown_link || why == FrameSkip::unknown_link;
      reassembler.skipped(why);
      return !unknown_link;  // a link type the lab cannot read: no later packet will be readable either
    }
    return reassembler.add(*segment, packet.number);
  });
  if (!read.error.empty()) {
    out.error = read.error;
    return out;
  }
  out.num_packets = read.num_packets;
  if (unknown_link) out.warnings.push_back("the capture's link type is not one the lab reads (Ethernet, Linux cooked SLL/SLL2, loopback, raw IP)");
  if (!read.stopped.empty()) out.warnings.push_back(read.stopped);
  Reassembly reassembly = reassembler.finish();
  if (!reassembly.stopped.empty()) out.warnings.push_back(reassembly.stopped);
  out.warnings.insert(out.warnings.end(), reassembly.warnings.begin(), reassembly.warnings.end());
  out.connections = std::move(reassembly.connections);
  const PcapngSecrets secrets = read_pcapng_secrets(file);
  if (!secrets.problem.empty()) out.warnings.push_back("reading the key log blocks stopped: " + secrets.problem);
  out.keys.add(secrets.keylog);
  return out;
}

CaptureImport import_capture_file(const std::string& path, const ReassemblyLimits& limits) {
  const MappedFile file(path);
  if (!file.error().empty()) {
    CaptureImport out;
    out.error = file.error();
    return out;
  }
  CaptureImport out = import_capture(file.bytes(), limits);
  if (!out.error.empty()) out.error = path + ": " + out.error;
  return out;
}

std::optional<std::vector<std::string>> read_keylog_file(const std::string& path, std::string& out_error) {
  std::error_code error;
  std::ifstream in(path);
  if (!std::filesystem::is_regular_file(path, error) || !in) {
    out_error = "cannot open the key log " + path;
    return std::nullopt;
  }
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    lines.push_back(std::move(line));
  }
  return lines;
}

std::vector<std::size_t> tls_connections(const CaptureImport& capture) {
  std::vector<std::size_t> indexes;
  for (std::size_t i = 0; i < capture.connections.size(); ++i)
    if (carries_tls(capture.connections[i])) indexes.push_back(i);
  return indexes;
}

}  // namespace hl::capture
