package homelabarr.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.StreamType;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs a {@link HelperRun} to its end and reads what it printed; the container is always removed. */
final class HelperRunner {
    static final String LABEL = "homelabarr.helper";
    private final DockerClient docker;

    HelperRunner(DockerClient docker) {
        this.docker = docker;
    }

    HelperRun.Result run(HelperRun helper) throws InterruptedException {
        HostConfig host = HostConfig.newHostConfig()
                .withBinds(helper.binds().stream().map(Bind::parse).toList())
                .withNetworkMode(helper.networkMode())
                .withCapDrop()
                .withSecurityOpts(List.of("no-new-privileges"));
        String id = docker.createContainerCmd(helper.image())
                .withEntrypoint(helper.command())
                .withCmd(List.of())
                .withUser(helper.user())
                .withLabels(Map.of(LABEL, "true"))
                .withHostConfig(host)
                .exec().getId();
        try {
            docker.startContainerCmd(id).exec();
            Integer code = docker.waitContainerCmd(id).start()
                    .awaitStatusCode(helper.timeout().toMillis(), TimeUnit.MILLISECONDS);
            return new HelperRun.Result(code == null ? -1 : code, stdout(id));
        } finally {
            try {
                docker.removeContainerCmd(id).withForce(true).exec();
            } catch (NotFoundException e) {
                // already gone
            }
        }
    }

    private String stdout(String id) throws InterruptedException {
        StringBuilder out = new StringBuilder();
        ResultCallback.Adapter<Frame> frames = new ResultCallback.Adapter<>() {
            @Override
            public void onNext(Frame frame) {
                if (frame.getStreamType() != StreamType.STDERR) {
                    synchronized (out) {
                        out.append(new String(frame.getPayload(), StandardCharsets.UTF_8));
                    }
                }
            }
        };
        docker.logContainerCmd(id).withStdOut(true).withStdErr(true).exec(frames).awaitCompletion(10, TimeUnit.SECONDS);
        synchronized (out) {
            return out.toString();
        }
    }
}
