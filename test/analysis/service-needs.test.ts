/**
 * The knowledge base of what workloads need: each inference source (managed policies, inline and
 * attached policy actions, SAM policy templates, task definitions, container instances, EKS node
 * groups, function environments) gives the needs its entry says, unknown inputs are reported as
 * unknown and never guessed, and `workloadNeeds` tells how each need is met from each subnet.
 */
import { strict as assert } from 'node:assert';
import { evidentlyCalls, needsOf, workloadNeeds } from '../../server/src/analysis';
import { ANY_SCENARIO } from '../../server/src/template';
import { entity, modelOf } from './model-of';

const NETWORK = `
  Vpc:
    Type: AWS::EC2::VPC
    Properties:
      CidrBlock: 10.0.0.0/16
  Subnet:
    Type: AWS::EC2::Subnet
    Properties:
      VpcId: !Ref Vpc
      CidrBlock: 10.0.1.0/24
  RouteTable:
    Type: AWS::EC2::RouteTable
    Properties:
      VpcId: !Ref Vpc
  Association:
    Type: AWS::EC2::SubnetRouteTableAssociation
    Properties:
      SubnetId: !Ref Subnet
      RouteTableId: !Ref RouteTable
`;

const TRUST = `
      AssumeRolePolicyDocument:
        Statement:
          - Effect: Allow
            Principal: { Service: ec2.amazonaws.com }
            Action: sts:AssumeRole`;

/** A template with the network above, `resources`, and optional `parameters`. */
function template(resources: string, parameters = ''): string {
  return `AWSTemplateFormatVersion: "2010-09-09"\n${parameters ? `Parameters:\n${parameters}\n` : ''}Resources:${NETWORK}${resources}`;
}

/** A function with `role` (its properties) in the subnet. */
function functionWithRole(roleProperties: string, extra = ''): string {
  return template(`
  Role:
    Type: AWS::IAM::Role
    Properties:${TRUST}
${roleProperties}
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: python3.12
      Handler: index.handler
      Role: !GetAtt Role.Arn
      Code: { ZipFile: "x" }
      VpcConfig:
        SubnetIds: [!Ref Subnet]
        SecurityGroupIds: [!GetAtt Vpc.DefaultSecurityGroup]
${extra}`);
}

function summary(text: string, logicalId: string): { needs: string[]; unknown: string[] } {
  const model = modelOf(text);
  const result = needsOf(model, entity(model, 'workload', logicalId), ANY_SCENARIO);
  return { needs: result.needs.map((need) => `${need.service}:${need.level}:${need.endpointKind}`), unknown: result.unknown.map((entry) => entry.reason) };
}

const instance = (profileRoleProperties: string, extra = ''): string =>
  template(`
  Role:
    Type: AWS::IAM::Role
    Properties:${TRUST}
${profileRoleProperties}
  Profile:
    Type: AWS::IAM::InstanceProfile
    Properties:
      Roles: [!Ref Role]
  Instance:
    Type: AWS::EC2::Instance
    Properties:
      ImageId: ami-12345678
      SubnetId: !Ref Subnet
      IamInstanceProfile: !Ref Profile
${extra}`);

describe('what workloads need', () => {
  it('reads the Session Manager set from an SSM managed policy of an instance profile', () => {
    const { needs } = summary(instance('      ManagedPolicyArns: [!Sub "arn:${AWS::Partition}:iam::aws:policy/AmazonSSMManagedInstanceCore"]'), 'Instance');
    assert.deepEqual(needs, ['ssm:required:interface', 'ssmmessages:required:interface', 'ec2messages:required:interface', 'kms:hint:interface', 'logs:hint:interface', 's3:hint:gateway']);
  });

  it('reads ECR pulls and the ECS container instance set from managed policies', () => {
    const { needs } = summary(instance('      ManagedPolicyArns: [arn:aws:iam::aws:policy/service-role/AmazonEC2ContainerServiceforEC2Role]'), 'Instance');
    assert.deepEqual(needs, ['ecs-agent:required:interface', 'ecs-telemetry:required:interface', 'ecs:required:interface', 'ecr.api:required:interface', 'ecr.dkr:required:interface', 's3:required:gateway']);
  });

  it('reads inline policy actions, with wildcards and overrides', () => {
    const { needs } = summary(
      functionWithRole(`      Policies:
        - PolicyName: p
          PolicyDocument:
            Statement:
              - Effect: Allow
                Action: [secretsmanager:GetSecretValue, "ssm:GetParameter*", kms:Decrypt, "s3:*", "dynamodb:Query", "bedrock:InvokeModel"]
                Resource: "*"
              - Effect: Deny
                Action: sqs:SendMessage
                Resource: "*"
              - Effect: Allow
                NotAction: sns:Publish
                Resource: "*"
              - Effect: Allow
                Action: "*"
                Resource: "*"`),
      'Fn',
    );
    assert.deepEqual(needs, ['secretsmanager:required:interface', 'ssm:required:interface', 'kms:required:interface', 's3:required:either', 'dynamodb:required:either', 'bedrock-runtime:required:interface', 'bedrock:required:interface']);
  });

  it('ignores what Lambda itself calls outside the function’s VPC', () => {
    const { needs } = summary(
      functionWithRole(`      ManagedPolicyArns: [arn:aws:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole]
      Policies:
        - PolicyName: logs
          PolicyDocument:
            Statement:
              - Effect: Allow
                Action: ["logs:*", "ec2:CreateNetworkInterface"]
                Resource: "*"`),
      'Fn',
    );
    assert.deepEqual(needs, []);
  });

  it('ignores the network interface calls CodeBuild makes for a project in a VPC, and keeps the build’s own calls', () => {
    const text = template(`
  Role:
    Type: AWS::IAM::Role
    Properties:${TRUST}
      Policies:
        - PolicyName: build
          PolicyDocument:
            Statement:
              - Effect: Allow
                Action: ["logs:CreateLogStream", "logs:PutLogEvents", "ec2:CreateNetworkInterface", "ec2:DescribeDhcpOptions", "ec2:CreateNetworkInterfacePermission", "ec2:Describe*"]
                Resource: "*"
  Build:
    Type: AWS::CodeBuild::Project
    Properties:
      ServiceRole: !GetAtt Role.Arn
      Artifacts: { Type: NO_ARTIFACTS }
      Source: { Type: NO_SOURCE, BuildSpec: "version: 0.2" }
      Environment: { Type: LINUX_CONTAINER, ComputeType: BUILD_GENERAL1_SMALL, Image: aws/codebuild/standard:7.0 }
      VpcConfig:
        VpcId: !Ref Vpc
        Subnets: [!Ref Subnet]
        SecurityGroupIds: [!GetAtt Vpc.DefaultSecurityGroup]
`);
    assert.deepEqual(summary(text, 'Build').needs, ['logs:required:interface']);
  });

  it('reads AWS::IAM::Policy and customer managed policies attached to the role, and a policy document written as JSON', () => {
    const text = functionWithRole(
      '      ManagedPolicyArns: [!Ref Managed]',
      `  Managed:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument: '{"Statement": [{"Effect": "Allow", "Action": "sqs:SendMessage", "Resource": "*"}]}'
  Attached:
    Type: AWS::IAM::Policy
    Properties:
      PolicyName: attached
      Roles: [!Ref Role]
      PolicyDocument:
        Statement:
          - Effect: Allow
            Action: sns:Publish
            Resource: "*"`,
    );
    assert.deepEqual(summary(text, 'Fn').needs, ['sqs:required:interface', 'sns:required:interface']);
  });

  it('reads SAM policy templates and managed policy names of a function without a role', () => {
    const text = `AWSTemplateFormatVersion: "2010-09-09"
Transform: AWS::Serverless-2016-10-31
Resources:${NETWORK}
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: index.handler
      InlineCode: "x"
      Policies:
        - AWSSecretsManagerGetSecretValuePolicy: { SecretArn: "*" }
        - S3ReadPolicy: { BucketName: b }
        - AmazonSQSReadOnlyAccess
      VpcConfig:
        SubnetIds: [!Ref Subnet]
        SecurityGroupIds: [!GetAtt Vpc.DefaultSecurityGroup]
`;
    assert.deepEqual(summary(text, 'Fn').needs, ['secretsmanager:required:interface', 's3:required:either', 'sqs:required:interface']);
  });

  it('reads the resources and ARNs a function’s environment names', () => {
    const text = functionWithRole(
      '      Path: /',
      `      Environment:
        Variables:
          QUEUE: !Ref Queue
          TABLE: !Sub "\${Table}"
          SECRET: arn:aws:secretsmanager:us-east-1:123456789012:secret:db
          PLAIN: hello
  Queue:
    Type: AWS::SQS::Queue
  Table:
    Type: AWS::DynamoDB::Table`,
    );
    assert.deepEqual(summary(text, 'Fn').needs, ['sqs:required:interface', 'dynamodb:required:either', 'secretsmanager:required:interface']);
  });

  it('says why a role, a managed policy or a document is unknown, and guesses nothing', () => {
    const fromParameter = template(
      `
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: python3.12
      Handler: index.handler
      Role: !Ref RoleArn
      Code: { ZipFile: "x" }
      VpcConfig:
        SubnetIds: [!Ref Subnet]
        SecurityGroupIds: [!GetAtt Vpc.DefaultSecurityGroup]`,
      '  RoleArn:\n    Type: String',
    );
    assert.deepEqual(summary(fromParameter, 'Fn'), { needs: [], unknown: ['the role of "Fn" is unknown: parameter "RoleArn" has no default'] });
    const customer = summary(functionWithRole('      ManagedPolicyArns: [!Sub "arn:aws:iam::${AWS::AccountId}:policy/mine"]'), 'Fn');
    assert.deepEqual(customer.needs, []);
    assert.match(customer.unknown[0] ?? '', /managed policy "arn:aws:iam::\$\{AWS::AccountId\}:policy\/mine" of role "Role" is not declared/);
  });

  describe('ECS task definitions', () => {
    const service = (container: string, serviceExtra = '', parameters = ''): string =>
      template(
        `
  Repository:
    Type: AWS::ECR::Repository
  Task:
    Type: AWS::ECS::TaskDefinition
    Properties:
      ContainerDefinitions:
${container}
  Service:
    Type: AWS::ECS::Service
    Properties:
      TaskDefinition: !Ref Task
${serviceExtra}
      NetworkConfiguration:
        AwsvpcConfiguration:
          Subnets: [!Ref Subnet]`,
        parameters,
      );

    for (const image of ['!Sub "${AWS::AccountId}.dkr.ecr.${AWS::Region}.amazonaws.com/web:1"', '123456789012.dkr.ecr.eu-west-1.amazonaws.com/web', '!Sub "${Repository.RepositoryUri}:latest"', '!GetAtt Repository.RepositoryUri']) {
      it(`reads an ECR image written as ${image}`, () => {
        assert.deepEqual(summary(service(`        - Name: web\n          Image: ${image}`), 'Service').needs, ['ecr.api:required:interface', 'ecr.dkr:required:interface', 's3:required:gateway']);
      });
    }

    it('needs nothing for an image from Docker Hub or ECR Public', () => {
      assert.deepEqual(summary(service('        - Name: web\n          Image: nginx:1\n        - Name: side\n          Image: public.ecr.aws/nginx/nginx'), 'Service'), { needs: [], unknown: [] });
    });

    it('reads awslogs, secrets from Secrets Manager and Parameter Store, and ECS Exec', () => {
      const container = `        - Name: web
          Image: nginx
          LogConfiguration: { LogDriver: awslogs }
          Secrets:
            - { Name: A, ValueFrom: "arn:aws:secretsmanager:us-east-1:123456789012:secret:a" }
            - { Name: B, ValueFrom: "/app/b" }`;
      assert.deepEqual(summary(service(container, '      EnableExecuteCommand: true'), 'Service').needs, ['logs:required:interface', 'secretsmanager:required:interface', 'ssm:required:interface', 'ssmmessages:required:interface']);
    });

    it('reads the queues, tables and topics a container’s environment names, and nothing from plain values', () => {
      const container = `        - Name: worker
          Image: nginx
          Environment:
            - { Name: QUEUE_URL, Value: !Ref Queue }
            - { Name: TABLE_ARN, Value: !GetAtt Table.Arn }
            - { Name: TOPIC, Value: !Sub "\${Topic}" }
            - { Name: BUCKET, Value: "arn:aws:s3:::assets" }
            - { Name: MODE, Value: production }
            - { Name: REPOSITORY, Value: !Ref Repository }
  Queue:
    Type: AWS::SQS::Queue
  Table:
    Type: AWS::DynamoDB::Table
    Properties:
      KeySchema: [{ AttributeName: id, KeyType: HASH }]
      AttributeDefinitions: [{ AttributeName: id, AttributeType: S }]
      BillingMode: PAY_PER_REQUEST
  Topic:
    Type: AWS::SNS::Topic`;
      const { needs } = summary(service(container), 'Service');
      assert.deepEqual(needs, ['sqs:required:interface', 'dynamodb:required:either', 'sns:required:interface', 's3:required:either']);
    });

    it('reports an image from a parameter without default as unknown', () => {
      assert.deepEqual(summary(service('        - Name: web\n          Image: !Ref Image', '', '  Image:\n    Type: String'), 'Service'), {
        needs: [],
        unknown: ['the image of container "web" of task definition "Task" is unknown: parameter "Image" has no default'],
      });
    });
  });

  it('recognises ECS container instances by user data and EKS node groups', () => {
    const asg = template(`
  Config:
    Type: AWS::AutoScaling::LaunchConfiguration
    Properties:
      ImageId: ami-12345678
      InstanceType: t3.micro
      UserData:
        Fn::Base64: !Sub "echo ECS_CLUSTER=\${AWS::StackName} >> /etc/ecs/ecs.config"
  Group:
    Type: AWS::AutoScaling::AutoScalingGroup
    Properties:
      MinSize: "1"
      MaxSize: "1"
      LaunchConfigurationName: !Ref Config
      VPCZoneIdentifier: [!Ref Subnet]
  Nodes:
    Type: AWS::EKS::Nodegroup
    Properties:
      ClusterName: c
      NodeRole: arn:aws:iam::123456789012:role/nodes
      Subnets: [!Ref Subnet]`);
    assert.deepEqual(summary(asg, 'Group').needs, ['ecs-agent:required:interface', 'ecs-telemetry:required:interface', 'ecs:required:interface']);
    const nodes = summary(asg, 'Nodes');
    assert.deepEqual(nodes.needs, ['ec2:hint:interface', 'ecr.api:hint:interface', 'ecr.dkr:hint:interface', 's3:hint:gateway', 'sts:hint:interface', 'logs:hint:interface', 'elasticloadbalancing:hint:interface']);
    assert.equal(nodes.unknown.length, 1, 'a node role outside the workspace is unknown');
  });

  it('tells evident calls from hints', () => {
    const model = modelOf(instance('      ManagedPolicyArns: [arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore]'));
    const workload = entity(model, 'workload', 'Instance');
    assert.equal(evidentlyCalls(model, workload, 'ssmmessages', ANY_SCENARIO), true);
    assert.equal(evidentlyCalls(model, workload, 'kms', ANY_SCENARIO), false);
    assert.equal(evidentlyCalls(model, workload, 'sqs', ANY_SCENARIO), false);
  });

  describe('how each need is met', () => {
    const role = `      Policies:
        - PolicyName: p
          PolicyDocument:
            Statement:
              - Effect: Allow
                Action: [s3:GetObject, sqs:SendMessage, kms:Decrypt]
                Resource: "*"`;
    const met = (extra: string): Record<string, string> => {
      const model = modelOf(functionWithRole(role, extra));
      const view = workloadNeeds(model, entity(model, 'workload', 'Fn'), ANY_SCENARIO);
      return Object.fromEntries(view.needs.map((entry) => [entry.need.service, entry.subnets.map((place) => (place.met.kind === 'interface-endpoint' || place.met.kind === 'gateway-endpoint' ? `${place.met.kind} ${place.met.endpoint.logicalId}` : place.met.kind)).join()]));
    };

    it('by gateway and interface endpoints, or nothing in a closed subnet', () => {
      const endpoints = `  S3:
    Type: AWS::EC2::VPCEndpoint
    Properties:
      VpcId: !Ref Vpc
      ServiceName: !Sub com.amazonaws.\${AWS::Region}.s3
      RouteTableIds: [!Ref RouteTable]
  Sqs:
    Type: AWS::EC2::VPCEndpoint
    Properties:
      VpcId: !Ref Vpc
      ServiceName: !Sub com.amazonaws.\${AWS::Region}.sqs
      VpcEndpointType: Interface
      PrivateDnsEnabled: true
      SubnetIds: [!Ref Subnet]`;
      assert.deepEqual(met(endpoints), { s3: 'gateway-endpoint S3', sqs: 'interface-endpoint Sqs', kms: 'nothing' });
    });

    it('by a NAT gateway route', () => {
      const nat = `  Nat:
    Type: AWS::EC2::NatGateway
    Properties:
      SubnetId: !Ref Subnet
  Default:
    Type: AWS::EC2::Route
    Properties:
      RouteTableId: !Ref RouteTable
      DestinationCidrBlock: 0.0.0.0/0
      NatGatewayId: !Ref Nat`;
      assert.deepEqual(met(nat), { s3: 'internet', sqs: 'internet', kms: 'internet' });
    });

    it('unknown where a route leads to a transit gateway', () => {
      const tgw = `  Hub:
    Type: AWS::EC2::Route
    Properties:
      RouteTableId: !Ref RouteTable
      DestinationCidrBlock: 10.100.0.0/16
      TransitGatewayId: tgw-0123456789abcdef0`;
      assert.deepEqual(met(tgw), { s3: 'unknown', sqs: 'unknown', kms: 'unknown' });
    });
  });
});
