// A thin RAII layer over the HDF5 1.10 C API, for what bordersim writes: groups, UTF-8 string and
// numeric attributes, and 1-D chunked, deflate-compressed compound tables that h5py and
// pandas.read_hdf both open. Rows are appended through a buffer and written a chunk at a time.
#pragma once

#include <hdf5.h>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <vector>

namespace outputs {
class ChunkPipeline;
struct ChunkTarget;
}  // namespace outputs

namespace outputs::h5 {

class Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// An HDF5 call failed for want of memory somewhere in this process (its error stack said so):
// a caller that catches an Error reports an out-of-memory, not the library's later symptom
// ("can't find property in skip list").
bool out_of_memory_seen();

// Owns one hid_t and closes it with the right H5*close.
class Handle {
 public:
  using Closer = herr_t (*)(hid_t);
  Handle() = default;
  Handle(hid_t id, Closer close, const char* what);
  Handle(Handle&& o) noexcept : id_(o.id_), close_(o.close_) { o.id_ = -1; }
  Handle& operator=(Handle&& o) noexcept;
  Handle(const Handle&) = delete;
  Handle& operator=(const Handle&) = delete;
  ~Handle() { reset(); }
  void reset();
  // Gives up ownership without closing (the id was closed, or must not be closed again).
  hid_t release() {
    const hid_t id = id_;
    id_ = -1;
    return id;
  }
  hid_t get() const { return id_; }
  operator hid_t() const { return id_; }

 private:
  hid_t id_ = -1;
  Closer close_ = nullptr;
};

// Files. The library is set up on first use: errors come back as codes (we throw, with the
// library's own innermost reason, e.g. "No space left on device"), and HDF5 runs nothing at exit,
// so a file whose writes failed is never flushed again by an exit handler (which crashed inside
// libhdf5 on a full disk).
Handle create_file(const std::string& path);  // truncates
Handle open_file(const std::string& path);    // read-only
// Flushes and closes a file written through `f`, checking both: every write that HDF5 deferred
// (metadata, chunk caches) reaches the disk here, so this is where a full disk shows up. Throws
// Error with the reason; `f` is empty afterwards either way.
void close_file(Handle& f);
// Why the last HDF5 call of this thread failed: the system's reason where a system call failed
// (e.g. "No space left on device"), else the innermost description on HDF5's error stack.
std::string last_error();
// Turns off HDF5's printing of errors for the calling thread (done by every entry point here).
void quiet_errors();
Handle create_group(hid_t parent, const std::string& path);  // creates intermediate groups

void attr_string(hid_t obj, const std::string& name, const std::string& value);
void attr_double(hid_t obj, const std::string& name, double value);
void attr_int(hid_t obj, const std::string& name, std::int64_t value);
std::string read_attr_string(hid_t obj, const std::string& name);

// One column of a compound table: its name, its HDF5 native type, where it sits in a row, and
// its unit (written as the attribute `<name>_unit`; "" for none).
struct Column {
  std::string name;
  hid_t type;  // H5T_NATIVE_* or a string type from string_type()
  std::size_t offset;
  std::string unit;
  bool optional = false;  // a reader accepts a file without it (the row keeps its zero)
};
hid_t string_type(std::size_t bytes);  // fixed-length, null-padded UTF-8; owned by a registry

// Appends fixed-size rows (row_size bytes each) to a table; writes every `chunk_rows` rows. With
// a ChunkPipeline (outputs/chunk_pipeline.hpp) a full chunk is handed to the pipeline's threads,
// which compress and write it while the caller goes on; without, it is written here through
// HDF5's filters.
class TableWriter {
 public:
  TableWriter(hid_t parent, const std::string& name, std::size_t row_size,
              const std::vector<Column>& columns, std::size_t chunk_rows = 4096,
              ChunkPipeline* pipeline = nullptr);
  void append_raw(const void* row);  // row_size bytes
  template <class Row>
  void append(const Row& r) {
    static_assert(!std::is_pointer_v<Row>, "pass the row, or use append_raw for raw bytes");
    append_raw(static_cast<const void*>(&r));
  }
  // Writes the buffered rows now (through a pipeline: only a full chunk; the rest waits for
  // close, since chunks are written whole).
  void flush();
  // Writes what is buffered and closes the dataset, checking both: a chunk HDF5 could not write
  // (a full disk) is an error here, not a silent loss in a destructor.
  void close();
  std::size_t rows() const { return written_ + buffered_; }
  hid_t dataset() const { return dataset_; }
  ~TableWriter();

 private:
  void hand_over();
  Handle type_, dataset_;
  std::size_t row_size_, chunk_rows_;
  std::vector<unsigned char> buffer_;
  std::size_t buffered_ = 0, written_ = 0;
  ChunkPipeline* pipeline_ = nullptr;
  std::unique_ptr<ChunkTarget> target_;  // with a pipeline
};

// Reads a whole table into rows laid out as `columns` describe (a subset of the file's columns,
// matched by name; HDF5 converts types). Returns the row count; `out` holds row_size bytes a row.
std::size_t read_table(hid_t loc, const std::string& path, std::size_t row_size,
                       const std::vector<Column>& columns, std::vector<unsigned char>& out);
bool exists(hid_t loc, const std::string& path);
std::vector<std::string> children(hid_t loc, const std::string& path);
double read_attr_double(hid_t obj, const std::string& name);

}  // namespace outputs::h5
