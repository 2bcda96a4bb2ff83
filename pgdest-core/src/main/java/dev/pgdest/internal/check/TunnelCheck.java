package dev.pgdest.internal.check;

import static dev.pgdest.internal.check.Checklist.fail;
import static dev.pgdest.internal.check.Checklist.pass;

import dev.pgdest.CheckReport.Item;
import dev.pgdest.DestinationConfig;
import dev.pgdest.SshTunnel;
import dev.pgdest.internal.tunnel.TunnelManager;
import dev.pgdest.spi.TunnelFailure;
import java.io.IOException;

/**
 * The {@code tunnel} item: the bastion answers, proves its identity, accepts our key, and can
 * reach the database. Each {@link TunnelFailure.Reason} gets the advice that fixes it; the
 * provider's own message is kept, since it carries specifics such as the offered host key.
 */
final class TunnelCheck {
  static final String ID = "tunnel";

  private TunnelCheck() {}

  static Item check(TunnelManager tunnel, DestinationConfig config) {
    SshTunnel ssh = config.tunnel().orElseThrow();
    String title = "SSH tunnel through " + tunnel.description();
    try {
      tunnel.localPort();
    } catch (TunnelFailure e) {
      return fail(ID, title, explain(e, ssh, config));
    } catch (IOException | RuntimeException e) {
      return fail(ID, title, "the tunnel could not be opened: " + e.getMessage());
    }
    try {
      tunnel.probeTarget();
    } catch (TunnelFailure e) {
      return fail(ID, title, explain(e, ssh, config));
    } catch (IOException | RuntimeException e) {
      return fail(ID, title, "the bastion could not open a channel to " + target(config) + ": " + e.getMessage());
    }
    return pass(ID, title, "the bastion accepted our key and reaches " + target(config));
  }

  /** The advice for one tunnel failure; public to the package for tests of the wording. */
  static String explain(TunnelFailure e, SshTunnel ssh, DestinationConfig config) {
    String bastion = ssh.host() + ":" + ssh.port();
    String detail = e.getMessage() == null ? "" : " (" + e.getMessage() + ")";
    switch (e.reason()) {
      case BASTION_UNREACHABLE:
        return "the bastion " + bastion + " cannot be reached" + detail + ". Allow the service's egress IP on"
            + " port " + ssh.port() + " of the bastion in its firewall or security group, and check the host name.";
      case HOST_KEY_REJECTED:
        return "the bastion's host key is not the configured one" + detail + ". If the bastion's key really"
            + " changed, put the fingerprint it offered into hostKeyFingerprint or knownHosts after checking"
            + " it with the bastion's administrator (ssh-keygen -l -f /etc/ssh/ssh_host_ed25519_key.pub);"
            + " otherwise someone may be intercepting the connection.";
      case AUTH_REFUSED:
        return "the bastion refused our key for user \"" + ssh.username() + "\"" + detail + ". Put the public"
            + " key of the configured private key in ~/.ssh/authorized_keys of user \"" + ssh.username()
            + "\" on " + ssh.host() + " (one line, as ssh-keygen -y prints it).";
      case KEY_UNUSABLE:
        return "the private key could not be used" + detail + ". Check that it is an OpenSSH, PEM or PKCS#8"
            + " ed25519, ECDSA or RSA key, complete with its BEGIN and END lines, and that the passphrase"
            + " is right.";
      case FORWARDING_REFUSED:
        return "the bastion does not allow TCP forwarding" + detail + ". Set AllowTcpForwarding yes (and no"
            + " PermitOpen restriction excluding " + target(config) + ") in the bastion's sshd_config for user \""
            + ssh.username() + "\".";
      case TARGET_UNREACHABLE:
        return "the bastion cannot reach " + target(config) + detail + ": allow the bastion's IP on the database"
            + " port " + config.port() + " in the database's firewall or security group, and check the host,"
            + " which is resolved on the bastion.";
      default:
        return "the tunnel failed" + detail + ".";
    }
  }

  private static String target(DestinationConfig config) {
    return config.host() + ":" + config.port();
  }
}
