// A DICOM C-ECHO SCP for tests, run as its own process (so it has its own implementation class UID and version name).
// It listens on 127.0.0.1 only, on a free port that it prints as {"port":N} on stdout; it accepts only the AE title
// given as its first argument, and exits when its standard input closes.
import { createServer } from 'node:net'
import dimse from 'dcmjs-dimse'

const { Scp, Implementation, responses, constants, log } = dimse
log.setLevel('silent')
const acceptedAe = process.argv[2] ?? 'TEST-SCP'
Implementation.setImplementationClassUid('2.25.329800735698586629295641978511506172918')
Implementation.setImplementationVersion('MEDSEC_TEST_SCP')

class EchoScp extends Scp {
  override associationRequested(association: InstanceType<typeof dimse.association.Association>): void {
    if (association.getCalledAeTitle() !== acceptedAe) {
      this.sendAssociationReject(constants.RejectResult.Permanent, constants.RejectSource.ServiceUser, constants.RejectReason.CalledAeNotRecognized)
      return
    }
    for (const offered of association.getPresentationContexts()) {
      const context = association.getPresentationContext(offered.id)
      context.setResult(constants.PresentationContextResult.Accept, context.getTransferSyntaxUids()[0])
    }
    this.sendAssociationAccept()
  }

  override cEchoRequest(request: InstanceType<typeof dimse.requests.CEchoRequest>, callback: (response: InstanceType<typeof dimse.responses.CEchoResponse>) => void): void {
    const response = responses.CEchoResponse.fromRequest(request)
    response.setStatus(constants.Status.Success)
    callback(response)
  }

  override associationReleaseRequested(): void {
    this.sendAssociationReleaseResponse()
  }
}

const server = createServer((socket) => {
  new EchoScp(socket, {})
})
server.listen(0, '127.0.0.1', () => {
  const address = server.address()
  process.stdout.write(JSON.stringify({ port: typeof address === 'object' && address ? address.port : 0 }) + '\n')
})
process.stdin.on('end', () => process.exit(0))
process.stdin.resume()
