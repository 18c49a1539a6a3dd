package homelabarr.notifications;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import javax.net.ssl.SSLSocketFactory;
import java.util.Date;
import java.util.Properties;

/**
 * SMTP through Jakarta Mail. {@code security}: {@code starttls} (the default) upgrades the connection and refuses
 * to send if the server does not offer STARTTLS, so a stripped offer cannot turn it into plain text; {@code tls}
 * connects over TLS from the start (port 465); {@code none} is plain SMTP, for a relay on the same host or network.
 * The server's certificate and name are checked in both TLS modes.
 */
final class EmailSender implements Sender {
    private static final String TIMEOUT_MS = "15000";
    /** The TLS sockets to use; null: the JVM's, whose trust store decides which servers are trusted. */
    private final SSLSocketFactory tls;

    EmailSender() {
        this(null);
    }

    /** With the TLS sockets of a trust of its own (tests trust the certificate they made). */
    EmailSender(SSLSocketFactory tls) {
        this.tls = tls;
    }

    @Override
    public void send(Channel channel, Notification n, long deliveryId) throws DeliveryException {
        String security = channel.setting("security") == null ? "starttls" : channel.setting("security");
        String port = channel.setting("port") != null ? channel.setting("port") : security.equals("tls") ? "465" : "587";
        String host = channel.setting("host");
        Properties props = new Properties();
        String protocol = security.equals("tls") ? "smtps" : "smtp";
        props.put("mail.transport.protocol", protocol);
        props.put("mail." + protocol + ".host", host);
        props.put("mail." + protocol + ".port", port);
        props.put("mail." + protocol + ".connectiontimeout", TIMEOUT_MS);
        props.put("mail." + protocol + ".timeout", TIMEOUT_MS);
        props.put("mail." + protocol + ".writetimeout", TIMEOUT_MS);
        props.put("mail." + protocol + ".ssl.checkserveridentity", "true");
        if (tls != null) {
            props.put("mail." + protocol + ".ssl.socketFactory", tls);
        }
        if (security.equals("starttls")) {
            props.put("mail.smtp.starttls.enable", "true");
            props.put("mail.smtp.starttls.required", "true");
        }
        String user = channel.setting("username");
        props.put("mail." + protocol + ".auth", Boolean.toString(user != null));
        Session session = Session.getInstance(props);
        try {
            MimeMessage message = new MimeMessage(session);
            message.setFrom(new InternetAddress(channel.setting("from"), true));
            for (String to : ChannelInput.recipients(channel.setting("to"))) {
                message.addRecipient(Message.RecipientType.TO, new InternetAddress(to, true));
            }
            message.setSubject("[HomelabARR] " + n.title(), "UTF-8");
            message.setText(Texts.plain(n), "UTF-8");
            message.setSentDate(Date.from(n.time()));
            message.setHeader("X-HomelabARR-Event", n.kind().wireName());
            try (Transport transport = session.getTransport(protocol)) {
                transport.connect(host, Integer.parseInt(port), user, channel.setting("password"));
                transport.sendMessage(message, message.getAllRecipients());
            }
        } catch (MessagingException e) {
            throw new DeliveryException("SMTP " + host + ":" + port + ": " + reason(e));
        }
    }

    /** The SMTP server's own words (no secret in them), without the nested stack of causes. */
    private static String reason(MessagingException e) {
        String text = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        Throwable cause = e.getCause();
        if (cause != null && cause.getMessage() != null && !text.contains(cause.getMessage())) {
            text += " (" + cause.getClass().getSimpleName() + ": " + cause.getMessage() + ")";
        }
        return text.replaceAll("\\p{Cntrl}", " ").strip();
    }
}
