package dev.pgdest.cli.internal.command;

import dev.pgdest.ssh.SshKeyPair;
import dev.pgdest.ssh.SshKeys;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code pgdest keygen}: a key pair for the SSH tunnel and the line the bastion's owner adds. */
@Command(name = "keygen", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Generate an SSH key pair for the tunnel and print the authorized_keys line for the bastion.")
final class KeygenCommand implements Callable<Integer> {
  private final Io io;

  @Option(names = "--type", description = "ed25519 (default) or rsa.", defaultValue = "ed25519")
  String type;

  @Option(names = "--bits", description = "RSA key size (default ${DEFAULT-VALUE}).", defaultValue = "4096")
  int bits;

  @Option(names = "--comment", description = "Comment on the public key line (default ${DEFAULT-VALUE}).",
      defaultValue = "pgdest")
  String comment;

  @Option(names = "--out", paramLabel = "FILE",
      description = "Write the private key to this new file (mode 600) instead of printing it.")
  Path out;

  @Option(names = "--restrict-to", paramLabel = "HOST:PORT",
      description = "Limit the key to forwarding to the database at HOST:PORT (OpenSSH 7.2+ options).")
  String restrictTo;

  KeygenCommand(Io io, Defaults defaults) {
    this.io = io;
  }

  @Override
  public Integer call() throws IOException {
    SshKeyPair key = switch (type.toLowerCase(java.util.Locale.ROOT)) {
      case "ed25519" -> SshKeys.generateEd25519();
      case "rsa" -> SshKeys.generateRsa(bits);
      default -> throw new IllegalArgumentException("--type must be ed25519 or rsa: \"" + type + "\"");
    };
    String line;
    if (restrictTo != null) {
      int colon = restrictTo.lastIndexOf(':');
      if (colon < 1) {
        throw new IllegalArgumentException("--restrict-to must be HOST:PORT: \"" + restrictTo + "\"");
      }
      line = key.restrictedAuthorizedKeysLine(comment, restrictTo.substring(0, colon).replaceAll("^\\[|]$", ""),
          Integer.parseInt(restrictTo.substring(colon + 1)));
    } else {
      line = key.authorizedKeysLine(comment);
    }
    if (out != null) {
      writePrivate(out, key.privateKey());
      io.out().println("Private key written to " + out + " (keep it secret; use it with --ssh-key-file).");
    } else {
      io.out().println("# Private key: keep it secret; save it to a file for --ssh-key-file.");
      io.out().print(key.privateKey());
    }
    io.out().println("# Add this line to ~/.ssh/authorized_keys of the tunnel user on the bastion:");
    io.out().println(line);
    io.out().println("# Fingerprint: " + key.fingerprint());
    return 0;
  }

  private static void writePrivate(Path file, String text) throws IOException {
    try {
      Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } catch (UnsupportedOperationException e) {
      Files.createFile(file);
    } catch (FileAlreadyExistsException e) {
      throw new IOException(file + " exists; keygen does not overwrite keys");
    }
    Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
  }
}
