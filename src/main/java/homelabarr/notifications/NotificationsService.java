package homelabarr.notifications;

import homelabarr.audit.AuditLog;
import homelabarr.audit.RouteAudit;
import homelabarr.audit.ServiceParts;
import homelabarr.db.Ids;
import homelabarr.errors.Refused;
import homelabarr.http.Access;
import homelabarr.http.DataBody;
import homelabarr.http.Json;
import homelabarr.http.ListBody;
import homelabarr.http.Principal;
import homelabarr.http.QueryParams;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code /notifications/...}: administrators manage channels, send a test and read the deliveries log. */
final class NotificationsService implements HttpService {
    private static final int MAX_LIMIT = 500;

    /** What the dashboard needs to build a channel form: the types, their settings and the events. */
    record Types(boolean success, List<TypeInfo> data, List<NotificationKind> events) {
    }

    record TypeInfo(ChannelType type, List<ChannelType.Field> fields) {
    }

    record TestResult(boolean delivered, String error) {
    }

    record Deleted(boolean success, String message) {
    }

    /** A page of the deliveries log; {@code nextBefore} (only when the page is full) asks for the one after it. */
    record Deliveries(boolean success, List<DeliveryLog.Delivery> data, int total, Long nextBefore) {
    }

    private final ChannelStore channels;
    private final DeliveryLog log;
    private final DeliveryQueue queue;
    private final ServiceParts parts;
    private final AuditLog audit;
    private final Json json;
    private final Clock clock;
    private final Ids ids = new Ids();

    NotificationsService(ChannelStore channels, DeliveryLog log, DeliveryQueue queue, ServiceParts parts,
                         Clock clock) {
        this.channels = channels;
        this.log = log;
        this.queue = queue;
        this.parts = parts;
        this.audit = parts.audit();
        this.json = parts.json();
        this.clock = clock;
    }

    @Override
    public void routing(HttpRules rules) {
        parts.routes(rules)
                .get("/notifications/channel-types", Access.ADMIN, (req, res, who) -> json.ok(res, new Types(true,
                        Arrays.stream(ChannelType.values()).map(t -> new TypeInfo(t, t.fields())).toList(),
                        Arrays.stream(NotificationKind.values()).filter(k -> k != NotificationKind.TEST).toList())))
                .get("/notifications/channels", Access.ADMIN, (req, res, who) ->
                        json.ok(res, ListBody.of(channels.all().stream().map(ChannelView::of).toList())))
                .post("/notifications/channels", Access.ADMIN, audit.route("notifications.channel.create"), this::create)
                .get("/notifications/channels/{id}", Access.ADMIN, (req, res, who) -> json.ok(res,
                        DataBody.of(ChannelView.of(channel(req)))))
                .patch("/notifications/channels/{id}", Access.ADMIN, audited("update"), this::update)
                .delete("/notifications/channels/{id}", Access.ADMIN, audited("delete"), this::delete)
                .post("/notifications/channels/{id}/test", Access.ADMIN, audited("test"), this::test)
                .get("/notifications/deliveries", Access.ADMIN, this::deliveries)
                .close();
    }

    /** A channel action's audit: a refused one names the channel as the path gave it. */
    private RouteAudit audited(String action) {
        return audit.route("notifications.channel." + action, RouteAudit.pathParameter("id"));
    }

    private void create(ServerRequest req, ServerResponse res, Principal who) {
        ChannelInput.Create body = json.read(req, ChannelInput.Create.class);
        String name = ChannelInput.name(body.name());
        ChannelType type = ChannelInput.type(body.type());
        Set<NotificationKind> events = ChannelInput.events(body.events());
        Map<String, Map<String, String>> settings = ChannelInput.settings(type, body.settings(), Map.of(), Map.of());
        if (channels.nameTaken(name, null)) {
            throw Refused.conflict("Channel exists", "A channel named '" + name + "' exists already");
        }
        Instant now = clock.instant();
        Channel channel = new Channel(ids.next(), name, type, body.enabled() == null || body.enabled(), events,
                settings.get("plain"), settings.get("secret"), null, null, null, who.username(), now, now);
        audit.change(() -> channels.insert(channel),
                AuditLog.Entry.success(req, who, "notifications.channel.create", channel.id()));
        json.created(res, DataBody.of(ChannelView.of(channel)));
    }

    private void update(ServerRequest req, ServerResponse res, Principal who) {
        Channel now = channel(req);
        ChannelInput.Update body = json.read(req, ChannelInput.Update.class);
        String name = body.name() == null ? now.name() : ChannelInput.name(body.name());
        if (channels.nameTaken(name, now.id())) {
            throw Refused.conflict("Channel exists", "A channel named '" + name + "' exists already");
        }
        Set<NotificationKind> events = body.events() == null ? now.events() : ChannelInput.events(body.events());
        Map<String, Map<String, String>> settings = ChannelInput.settings(now.type(), body.settings(), now.settings(),
                now.secrets());
        Channel changed = new Channel(now.id(), name, now.type(), body.enabled() == null ? now.enabled() : body.enabled(),
                events, settings.get("plain"), settings.get("secret"), now.lastError(), now.lastErrorAt(),
                now.lastSuccessAt(), now.createdBy(), now.createdAt(), clock.instant());
        audit.change(() -> channels.update(changed),
                AuditLog.Entry.success(req, who, "notifications.channel.update", now.id()));
        json.ok(res, DataBody.of(ChannelView.of(changed)));
    }

    private void delete(ServerRequest req, ServerResponse res, Principal who) {
        Channel c = channel(req);
        audit.change(() -> channels.delete(c.id()),
                AuditLog.Entry.success(req, who, "notifications.channel.delete", c.id()));
        json.ok(res, new Deleted(true, "Channel '" + c.name() + "' deleted"));
    }

    /** One attempt, now, whatever events the channel wants; the answer says whether it went through. */
    private void test(ServerRequest req, ServerResponse res, Principal who) {
        Channel c = channel(req);
        Notification n = new Notification(NotificationKind.TEST, null, null, "Test notification",
                "This is a test from HomelabARR, sent by " + who.username() + ". If you read this, the "
                        + c.type().wireName() + " channel '" + c.name() + "' works.", clock.instant());
        String error = queue.sendNow(c, n);
        audit.success(req, who, "notifications.channel.test", c.id());
        json.ok(res, DataBody.of(new TestResult(error == null, error)));
    }

    private void deliveries(ServerRequest req, ServerResponse res, Principal who) {
        int limit = (int) QueryParams.number(req, "limit", 50, 1, MAX_LIMIT);
        long before = QueryParams.number(req, "before", 0, 0, Long.MAX_VALUE);
        String channelId = QueryParams.text(req, "channel").orElse(null);
        if (channelId != null && channels.find(channelId).isEmpty()) {
            throw Refused.notFound("Channel not found", "No notification channel has the id '" + channelId + "'");
        }
        List<DeliveryLog.Delivery> page = log.page(channelId, before, limit);
        json.ok(res, new Deliveries(true, page, page.size(), page.size() == limit ? page.getLast().id() : null));
    }

    private Channel channel(ServerRequest req) {
        String id = req.path().pathParameters().get("id");
        return channels.find(id).orElseThrow(() ->
                Refused.notFound("Channel not found", "No notification channel has the id '" + id + "'"));
    }
}
