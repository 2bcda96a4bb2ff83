package dev.pgdest.cli;

import dev.pgdest.Destination;
import dev.pgdest.PgType;
import dev.pgdest.WriteMode;
import dev.pgdest.cli.internal.infer.TypeNames;
import dev.pgdest.cli.internal.load.Loader;
import dev.pgdest.cli.internal.load.Progress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A load of CSV, TSV or JSON Lines files (gzip'd or not, {@code -} for standard input) into one
 * table, as {@code pgdest load} does it: column types inferred from a sample of rows unless given,
 * null markers, ragged or unreadable rows failing the load (naming the line) or set aside in a
 * rejects file, and keys that repeat in an UPSERT counted. Immutable and thread-safe; {@link
 * #run(Destination)} may be called again.
 *
 * <pre>{@code
 * LoadSummary s = FileLoad.builder("people").files("people.csv").mode(WriteMode.UPSERT).keys("id")
 *     .nullMarkers("NA", "").build().run(destination);
 * System.out.println(s.render());
 * }</pre>
 */
public final class FileLoad {
  /** The default number of rows per input that column types are inferred from. */
  public static final int DEFAULT_SAMPLE_ROWS = 10_000;

  private final String table;
  private final List<String> files;
  private final WriteMode mode;
  private final List<String> keys;
  private final Set<String> nullMarkers;
  private final Map<String, PgType> types;
  private final int sampleRows;
  private final String format;
  private final Character delimiter;
  private final Path rejectsFile;

  private FileLoad(Builder b) {
    this.table = b.table;
    this.files = List.copyOf(b.files);
    this.mode = b.mode;
    this.keys = List.copyOf(b.keys);
    this.nullMarkers = Set.copyOf(b.nullMarkers);
    this.types = Map.copyOf(b.types);
    this.sampleRows = b.sampleRows;
    this.format = b.format;
    this.delimiter = b.delimiter;
    this.rejectsFile = b.rejectsFile;
  }

  /** A builder for a load into {@code table} of the destination's schema. */
  public static Builder builder(String table) {
    return new Builder(table);
  }

  /** Loads the files into the table through {@code destination}. Reads standard input for {@code -}. */
  public LoadSummary run(Destination destination) {
    return new Loader(this, System.in, Progress.NONE).run(destination);
  }

  /** The target table. */
  public String table() {
    return table;
  }

  /** The inputs: file names, {@code -} for standard input. */
  public List<String> files() {
    return files;
  }

  /** The write mode; APPEND unless set. */
  public WriteMode mode() {
    return mode;
  }

  /** The key columns (the table's primary key); needed by UPSERT and DELETE. */
  public List<String> keys() {
    return keys;
  }

  /** Unquoted field texts that mean NULL in CSV and TSV; the empty field unless set. */
  public Set<String> nullMarkers() {
    return nullMarkers;
  }

  /** Column types given explicitly, overriding inference. */
  public Map<String, PgType> types() {
    return types;
  }

  /** Rows per input that types are inferred from; {@link Integer#MAX_VALUE} for the whole file. */
  public int sampleRows() {
    return sampleRows;
  }

  /** {@code csv}, {@code tsv} or {@code jsonl}; empty to go by file name, then by content. */
  public Optional<String> format() {
    return Optional.ofNullable(format);
  }

  /** The CSV field separator when not a comma. */
  public Optional<Character> delimiter() {
    return Optional.ofNullable(delimiter);
  }

  /** Where rejected rows go under {@code --reject skip}; empty: a rejected row fails the load. */
  public Optional<Path> rejectsFile() {
    return Optional.ofNullable(rejectsFile);
  }

  /** Builds a {@link FileLoad}. Not thread-safe. */
  public static final class Builder {
    private final String table;
    private final List<String> files = new ArrayList<>();
    private WriteMode mode = WriteMode.APPEND;
    private final List<String> keys = new ArrayList<>();
    private final Set<String> nullMarkers = new LinkedHashSet<>(Set.of(""));
    private final Map<String, PgType> types = new LinkedHashMap<>();
    private int sampleRows = DEFAULT_SAMPLE_ROWS;
    private String format;
    private Character delimiter;
    private Path rejectsFile;

    private Builder(String table) {
      this.table = Objects.requireNonNull(table, "table");
    }

    /** Adds inputs; {@code -} is standard input. */
    public Builder files(String... names) {
      files.addAll(List.of(names));
      return this;
    }

    /** The write mode. */
    public Builder mode(WriteMode mode) {
      this.mode = Objects.requireNonNull(mode, "mode");
      return this;
    }

    /** The key columns, in key order. */
    public Builder keys(String... columns) {
      keys.clear();
      keys.addAll(List.of(columns));
      return this;
    }

    /** Replaces the null markers; {@code ""} is the empty unquoted field. */
    public Builder nullMarkers(String... markers) {
      nullMarkers.clear();
      nullMarkers.addAll(List.of(markers));
      return this;
    }

    /** Gives a column's type, e.g. {@code type("zip", "text")}, instead of inferring it. */
    public Builder type(String column, String pgType) {
      types.put(column, TypeNames.parse(pgType));
      return this;
    }

    /** Rows per input to infer types from, at least 1; {@link Integer#MAX_VALUE} reads files twice. */
    public Builder sampleRows(int rows) {
      if (rows < 1) {
        throw new IllegalArgumentException("sampleRows must be at least 1: " + rows);
      }
      this.sampleRows = rows;
      return this;
    }

    /** The input format ({@code csv}, {@code tsv}, {@code jsonl}), when the names do not say it. */
    public Builder format(String format) {
      this.format = format;
      return this;
    }

    /** The CSV field separator, e.g. {@code ';'}. */
    public Builder delimiter(char delimiter) {
      this.delimiter = delimiter;
      return this;
    }

    /** Rows that cannot be loaded go to this CSV file instead of failing the load. */
    public Builder rejectInto(Path rejectsFile) {
      this.rejectsFile = rejectsFile;
      return this;
    }

    /** The load. */
    public FileLoad build() {
      if (files.isEmpty()) {
        throw new IllegalArgumentException("no input files given (use - for standard input)");
      }
      if (files.stream().filter("-"::equals).count() > 1) {
        throw new IllegalArgumentException("standard input (-) can be given only once");
      }
      if ((mode == WriteMode.UPSERT || mode == WriteMode.DELETE) && keys.isEmpty()) {
        throw new IllegalArgumentException(mode + " needs key columns: --key col[,col...]");
      }
      return new FileLoad(this);
    }
  }
}
