// Writing the big tables off the simulation thread.
//
// A table in a ChunkPipeline hands each full chunk of rows (in the row struct's memory layout)
// to the pipeline and goes on simulating. Worker threads do what HDF5's filter pipeline would do,
// outside HDF5's global lock and several chunks at a time: pack the rows into the file's packed
// compound layout, shuffle the bytes (HDF5's shuffle filter, byte for byte), deflate them, then
// write the chunk with H5Dwrite_chunk. The dataset declares the same filters (shuffle, deflate),
// so h5py, pandas and HDF5 itself read it like any other; the values are bit-identical to a write
// through H5Dwrite.
//
// Deflate runs with zlib's Z_RLE strategy: on shuffled doubles (runs of equal exponent bytes) it
// costs about half the CPU of the default strategy at level 4 for ~2 % more bytes (a year of
// kim_thanh_bac_son: 14.30 MB against 14.05 MB; level 1 with the default strategy saves only
// ~10 % of the CPU). It is still a standard deflate stream: the decoder (inflate) does not know
// or care which strategy made it. At level 4 with the default strategy the chunks come out
// byte for byte as HDF5's own filter writes them.
//
// Order and bounds: chunks are written in the order they were handed over (a single writer at a
// time, in sequence), so the file's layout does not depend on thread timing; at most `depth`
// chunks are in flight, after which the simulation waits (memory stays bounded). An error while
// writing (a full disk) stops all further writes; the table's next hand-over or its close
// rethrows it, with the system's reason, on the simulation thread.
#pragma once

#include <hdf5.h>

#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <exception>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace outputs {

// One dataset fed through a pipeline: how a row of the table's memory layout becomes a row of the
// file's packed layout. Owned by the TableWriter; must outlive its pending chunks (drain()).
struct ChunkTarget {
  struct Run {  // bytes [mem, mem + size) of a memory row go to [file, file + size) of a file row
    std::size_t mem, file, size;
  };
  hid_t dataset = -1;
  std::size_t row_size = 0;     // memory layout
  std::size_t packed_size = 0;  // file layout (no padding)
  std::size_t chunk_rows = 0;
  std::vector<Run> runs;
  std::size_t pending = 0;  // chunks handed over, not yet written (guarded by the pipeline)
};

class ChunkPipeline {
 public:
  // `workers` compression threads (at least 1); at most `depth` chunks in flight (default
  // 2 * workers + 2).
  explicit ChunkPipeline(unsigned workers, std::size_t depth = 0);
  ~ChunkPipeline();  // finishes what was handed over (or drops it after an error), joins
  ChunkPipeline(const ChunkPipeline&) = delete;
  ChunkPipeline& operator=(const ChunkPipeline&) = delete;

  // The deflate level the datasets declare (H5Pset_deflate), as through HDF5's filter: what
  // HDF5 would use were a table ever extended. Z_RLE itself ignores the level.
  static constexpr int kLevel = 4;
  // Builds the packing plan of `dataset`, whose memory row type is `mem_type`.
  static void plan(ChunkTarget& t, hid_t mem_type, hid_t file_type);

  // Hands over chunk number `index` of `t` holding `rows` rows (rows <= t.chunk_rows; only the
  // last chunk of a table may be short). Swaps `buffer` with an empty one of the same capacity.
  // Blocks while `depth` chunks are in flight. Throws the pipeline's error, if any.
  void submit(ChunkTarget& t, std::vector<unsigned char>& buffer, std::size_t rows,
              std::uint64_t index);
  // Waits until every chunk of `t` handed over is written (or dropped after an error).
  void drain(ChunkTarget& t);
  // Throws h5::Error with the reason if a write failed.
  void check() const;
  unsigned workers() const { return static_cast<unsigned>(threads_.size()); }
  // Bytes written as compressed chunks so far.
  std::uint64_t bytes_written() const;

 private:
  struct Job {
    ChunkTarget* target = nullptr;
    std::vector<unsigned char> rows, out;
    std::size_t nrows = 0;
    std::uint64_t index = 0;
    bool ready = false;  // compressed, waiting for its turn to be written
  };
  void work();
  void write_in_order(std::unique_lock<std::mutex>& lock);
  static void compress(Job& job, std::vector<unsigned char>& packed,
                       std::vector<unsigned char>& shuffled, void* zstream);

  mutable std::mutex m_;
  std::condition_variable work_cv_, done_cv_;
  std::deque<Job*> todo_;      // handed over, not yet taken by a worker
  std::deque<Job*> inflight_;  // handed over, not yet written, in hand-over order
  std::vector<std::unique_ptr<Job>> jobs_;
  std::vector<Job*> free_;
  std::size_t depth_;
  bool writing_ = false, stop_ = false;
  std::string error_;  // the first failure; later chunks are dropped
  std::uint64_t bytes_ = 0;
  std::vector<std::thread> threads_;
};

}  // namespace outputs
